import {
  basicAuth,
  CLIENT_ID,
  getKyc,
  fetchToken,
  requestToken,
  startSimulator,
} from '../test/sim-test-kit';
import type { UpholdSimulator } from './simulator';
import { parseBasicCredentials } from './token-endpoint';

const TRICKY_SECRET = 'a:b+c%d&e é';

describe('POST /core/oauth2/token', () => {
  let simulator: UpholdSimulator;
  afterEach(() => simulator.stop());

  it('accepts RFC 6749 encoded credentials whose secret holds : + % & é and a space', async () => {
    simulator = await startSimulator({ clientSecret: TRICKY_SECRET });
    const response = await requestToken(simulator, basicAuth(CLIENT_ID, TRICKY_SECRET));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expires_in: 600,
      token_type: 'Bearer',
      scope: expect.any(String),
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses the same secret sent without form encoding, a wrong secret and no credentials', async () => {
    simulator = await startSimulator({ clientSecret: TRICKY_SECRET });
    const raw = `Basic ${Buffer.from(`${CLIENT_ID}:${TRICKY_SECRET}`).toString('base64')}`;
    for (const authorization of [
      raw,
      basicAuth(CLIENT_ID, 'a:b+c%d&e e'),
      basicAuth('other', TRICKY_SECRET),
      '',
    ]) {
      const response = await requestToken(simulator, authorization);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid_client' });
    }
    expect(simulator.tokenRequestCount()).toBe(4);
  });

  it('answers 400 unsupported_grant_type for another grant and invalid_request without one', async () => {
    simulator = await startSimulator();
    const other = await requestToken(simulator, undefined, 'grant_type=password&username=x');
    expect(other.status).toBe(400);
    expect(await other.json()).toEqual({ error: 'unsupported_grant_type' });
    const missing = await requestToken(simulator, undefined, 'scope=a');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'invalid_request' });
  });

  it('requires a form-urlencoded body', async () => {
    simulator = await startSimulator();
    const response = await fetch(`${simulator.url}/core/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(CLIENT_ID, 'top-secret'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(400);
    expect(simulator.tokenRequestCount()).toBe(1);
  });

  it('echoes a requested scope and records the form body as a string', async () => {
    simulator = await startSimulator();
    const response = await requestToken(
      simulator,
      undefined,
      'grant_type=client_credentials&scope=core.kyc%3Aread',
    );
    expect(((await response.json()) as { scope: string }).scope).toBe('core.kyc:read');
    expect(simulator.requestsTo('token')[0].body).toBe(
      'grant_type=client_credentials&scope=core.kyc%3Aread',
    );
  });

  it('issues tokens that expire after the current lifetime (token_expired)', async () => {
    simulator = await startSimulator();
    simulator.setTokenLifetime(1);
    const response = await requestToken(simulator);
    expect(((await response.json()) as { expires_in: number }).expires_in).toBe(1);
    const token = await fetchToken(simulator);
    expect((await getKyc(simulator, token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await getKyc(simulator, token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'token_expired' });
  });
});

describe("the specs' own RFC 6749 encoder", () => {
  it('gives the header worked out by hand for a secret with : + % & é and a space', () => {
    const expected = 'bff%2Dclient:a%3Ab%2Bc%25d%26e+%C3%A9';
    expect(basicAuth(CLIENT_ID, TRICKY_SECRET)).toBe(
      `Basic ${Buffer.from(expected).toString('base64')}`,
    );
  });
});

describe('parseBasicCredentials', () => {
  it('splits at the first colon, then form-decodes each part', () => {
    const header = `Basic ${Buffer.from('my+id:p%3Aw%2Bd:x+y').toString('base64')}`;
    expect(parseBasicCredentials(header)).toEqual({ id: 'my id', secret: 'p:w+d:x y' });
  });

  it('decodes UTF-8 percent-encoding and leaves unencoded safe characters alone', () => {
    const header = `Basic ${Buffer.from('a-b_c.d*e~f:%C3%A9t%C3%A9+%F0%9F%94%91').toString('base64')}`;
    expect(parseBasicCredentials(header)).toEqual({ id: 'a-b_c.d*e~f', secret: 'été 🔑' });
  });

  it('returns null for other schemes, bad base64, no colon or broken percent-encoding', () => {
    expect(parseBasicCredentials('Bearer abc')).toBeNull();
    expect(parseBasicCredentials('Basic !!!')).toBeNull();
    expect(parseBasicCredentials(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeNull();
    expect(
      parseBasicCredentials(`Basic ${Buffer.from('id:%E9%zz').toString('base64')}`),
    ).toBeNull();
  });
});
