import request from 'supertest';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { CLIENT_SECRET, useSimulatorAndBff } from './support/bff';
import { userToken } from './support/test-keys';

const suite = useSimulatorAndBff({ LOG_LEVEL: 'debug' });

/** The identity values of the contract example, each of which must never reach a log line. */
function identityValues(): string[] {
  const { document, person } = validIdentityRequest();
  const { address } = person;
  return [
    document.number,
    document.expiresAt,
    person.givenName,
    person.familyName,
    person.birthdate,
    address.subdivision,
    address.city,
    address.line1,
    address.line2,
    address.postalCode,
  ];
}

describe('logs', () => {
  it('hold no token, secret, Authorization header or identity field, whatever the outcome', async () => {
    const endUserToken = userToken();
    const call = () =>
      request(suite.bff.url)
        .patch('/me/identity')
        .set('Authorization', `Bearer ${endUserToken}`)
        .set('Cookie', 'session=cookie-value-1');

    const happy = await call().send(validIdentityRequest());
    const invalid = await call().send({ ...validIdentityRequest(), provider: 'NOT VALID' });
    suite.sim.setFault('patchIdentity', {
      status: 422,
      times: 1,
      body: {
        code: 'validation_failed',
        errors: { output: { person: { givenName: [{ code: 'John' }] } } },
      },
    });
    const rejected = await call().send(validIdentityRequest());
    expect([happy.status, invalid.status, rejected.status]).toEqual([200, 400, 422]);

    const upstreamToken = String(
      suite.sim.requestsTo('patchIdentity')[0].headers.authorization,
    ).slice(7);
    const output = suite.bff.logs.join('');
    const completed = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(3);
    [happy, invalid, rejected].forEach((response, index) => {
      expect(completed[index]).toMatchObject({
        reqId: response.headers['x-request-id'],
        route: '/me/identity',
        res: { statusCode: response.status },
        responseTime: expect.any(Number),
      });
      expect(completed[index].upstreamRequestId).toBe(response.headers['x-upstream-request-id']);
    });
    expect(completed.map((entry) => typeof entry.upstreamRequestId)).toEqual([
      'string',
      'undefined',
      'string',
    ]);
    for (const secret of [
      endUserToken,
      upstreamToken,
      CLIENT_SECRET,
      'cookie-value-1',
      'Bearer',
      ...identityValues(),
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it('write one JSON line per request with id, route, status, duration and the upstream request id', async () => {
    suite.bff.logs.length = 0;
    const response = await request(suite.bff.url)
      .get('/me/identity')
      .set('Authorization', `Bearer ${userToken()}`)
      .set('X-Request-Id', 'trace-me-1');
    const entry = suite.bff.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'request completed');
    expect(entry).toMatchObject({
      reqId: 'trace-me-1',
      route: '/me/identity',
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      upstreamRequestId: response.headers['x-upstream-request-id'],
    });
  });

  it('log a client error at info, an upstream fault at warn, each on its request line without a stack', async () => {
    suite.bff.logs.length = 0;
    suite.sim.setFault('getKyc', { status: 500, times: 1 });
    const get = (authorization: string) =>
      request(suite.bff.url).get('/me/identity').set('Authorization', authorization);
    const [refused, failed] = [await get('Bearer not-a-jwt'), await get(`Bearer ${userToken()}`)];
    expect([refused.status, failed.status]).toEqual([401, 502]);
    const lines = suite.bff.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLine = (id: unknown) =>
      lines.find((line) => line.reqId === id && line.res !== undefined);
    expect(requestLine(refused.headers['x-request-id'])).toMatchObject({ level: 30 });
    expect(requestLine(failed.headers['x-request-id'])).toMatchObject({ level: 40 });
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(suite.bff.logs.join('')).not.toContain('"stack"');
  });
});
