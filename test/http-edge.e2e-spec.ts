import { IncomingMessage, Server } from 'node:http';
import { connect, Socket } from 'node:net';
import request from 'supertest';
import { MAX_BODY_DEPTH } from '../apps/identity-bff/src/common/json-body-parser';
import { REQUEST_RECEIVE_TIMEOUT_MS } from '../apps/identity-bff/src/http-adapter';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { useSimulatorAndBff } from './support/bff';
import { until } from './support/eventually';
import { userToken } from './support/test-keys';

const suite = useSimulatorAndBff({ LOG_LEVEL: 'debug', TRUST_PROXY: '1' });
beforeEach(() => {
  suite.sim.reset();
  suite.bff.logs.length = 0;
});

const auth = () => `Bearer ${userToken()}`;

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const openSockets = new Set<Socket>();
afterEach(() => {
  for (const socket of openSockets) socket.destroy(); // none may keep the app from closing
  openSockets.clear();
});

/** A connection of its own, that sends exactly the bytes the test writes. */
function openConnection(baseUrl: string): Promise<Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    openSockets.add(socket);
    socket.once('error', reject);
  });
}

/** Everything the server sends on `socket` until it closes the connection, read as one answer. */
function answerOn(socket: Socket): Promise<RawAnswer> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined); // a reset after the answer is the server closing
  return new Promise((resolve) => {
    socket.once('close', () => {
      const [head, ...rest] = received.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

/** Sends `raw` (with `\r\n` line ends) on a new connection and reads the answer. */
async function rawExchange(raw: string): Promise<RawAnswer> {
  const socket = await openConnection(suite.bff.url);
  const answer = answerOn(socket);
  socket.write(raw);
  return answer;
}

function expectProblem(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const requestId = answer.headers['x-request-id'];
  expect(requestId).toMatch(/^[\w.:-]+$/);
  expect(JSON.parse(answer.body)).toEqual({
    type: 'about:blank',
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
    requestId,
  });
}

type LogLine = Record<string, unknown> & { level: number; msg: string };

function logLines(): LogLine[] {
  return suite.bff.logs
    .join('')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

const PINO_ERROR = 50;
/** A stack trace, as a log line or as an escaped `stack` in a JSON one. */
const STACK = /(\\n|\n)\s+at |"stack"/;

describe('request bodies', () => {
  const patch = (type: string, raw: string) =>
    request(suite.bff.url)
      .patch('/me/identity')
      .set('Authorization', auth())
      .set('Content-Type', type)
      .send(raw);

  it.each([
    ['objects', '{"a":', '}'],
    ['arrays', '[', ']'],
  ])(
    'answers 400 validation_failed to a body with %s nested 10,000 levels deep',
    async (_, open, close) => {
      const deep = `{"person":${open.repeat(10_000)}1${close.repeat(10_000)}}`;
      const response = await patch('application/json', deep);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        detail: `The request body is nested deeper than ${MAX_BODY_DEPTH} levels.`,
      });
      expect(logLines().filter((line) => line.level >= PINO_ERROR)).toEqual([]);
      expect(suite.sim.requestsTo('patchIdentity')).toHaveLength(0);
    },
  );

  it(`validates a body ${MAX_BODY_DEPTH} levels deep, and refuses one level more`, async () => {
    const nested = (levels: number) => {
      const body = validIdentityRequest() as unknown as { person: { address: object } };
      // the body, person and address are three levels; each `{ x: … }` adds one
      let extra: object = {};
      for (let level = 4; level < levels; level++) extra = { x: extra };
      body.person.address = { ...body.person.address, extra };
      return JSON.stringify(body);
    };
    const atCap = await patch('application/json', nested(MAX_BODY_DEPTH));
    expect(atCap.status).toBe(400);
    expect(atCap.body.errors).toEqual([
      { field: 'person.address.extra', message: expect.any(String) },
    ]);
    const overCap = await patch('application/json', nested(MAX_BODY_DEPTH + 1));
    expect(overCap.status).toBe(400);
    expect(overCap.body.errors).toBeUndefined();
    expect(overCap.body.detail).toContain('nested deeper');
  });

  it.each([
    'application/merge-patch+json',
    'application/vnd.api+json',
    'application/problem+json',
    'application/json-patch+json',
    'application/jsonx',
  ])('answers 415 unsupported_media_type to a %s body', async (type) => {
    const body = JSON.stringify(validIdentityRequest());
    const patched = await patch(type, body);
    const posted = await request(suite.bff.url)
      .post('/me/identity/files')
      .set('Authorization', auth())
      .set('Content-Type', type)
      .send(JSON.stringify({ context: 'photo-selfie', contentType: 'image/jpeg' }));
    for (const response of [patched, posted]) {
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('unsupported_media_type');
      expect(response.headers['x-request-id']).toBe(response.body.requestId);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(suite.sim.requestsTo('patchIdentity')).toHaveLength(0);
  });

  it('leaves a non-JSON write to no route to the 404', async () => {
    const response = await request(suite.bff.url)
      .post('/me/identity/no-such-route')
      .set('Authorization', auth())
      .set('Content-Type', 'text/plain')
      .send('not json');
    expect(response.status).toBe(404);
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
  ])('reads a %s body', async (type) => {
    const response = await patch(type, JSON.stringify(validIdentityRequest()));
    expect(response.status).toBe(200);
  });
});

describe('errors before routing are problem+json with X-Request-Id', () => {
  it.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
    [
      'both Content-Length and Transfer-Encoding (a smuggling shape)',
      'POST /me/identity HTTP/1.1\r\nHost: bff\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['a header without a colon', 'GET /health/live HTTP/1.1\r\nHost: bff\r\nbroken header\r\n\r\n'],
    [
      'a space before the header colon',
      'GET /health/live HTTP/1.1\r\nHost: bff\r\nX-Odd : 1\r\n\r\n',
    ],
  ])('400 bad_request for %s', async (_, raw) => {
    expectProblem(await rawExchange(raw), 400, 'bad_request');
  });

  it('400 bad_request for a path that is not a valid URL', async () => {
    const answer = await rawExchange(
      'GET /me/%E0%A4%A HTTP/1.1\r\nHost: bff\r\nX-Request-Id: bad-url-1\r\nConnection: close\r\n\r\n',
    );
    expectProblem(answer, 400, 'bad_request');
    expect(answer.headers['x-request-id']).toBe('bad-url-1');
  });

  it('431 request_header_fields_too_large for headers over the limit', async () => {
    const answer = await rawExchange(
      `GET /me/identity HTTP/1.1\r\nHost: bff\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectProblem(answer, 431, 'request_header_fields_too_large');
  });

  it('404 not_found for a bare OPTIONS (no CORS configured)', async () => {
    const answer = await rawExchange(
      'OPTIONS /me/identity HTTP/1.1\r\nHost: bff\r\nOrigin: https://app.example\r\nAccess-Control-Request-Method: PATCH\r\nConnection: close\r\n\r\n',
    );
    expectProblem(answer, 404, 'not_found');
  });

  it('404 not_found for a docs path the static server refuses, logged without an error', async () => {
    const response = await request(suite.bff.url).get(`/docs/${'a'.repeat(300)}`);
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('not_found');
    expect(logLines().filter((line) => line.level >= PINO_ERROR)).toEqual([]);
  });

  it('logs them at debug, without a stack', async () => {
    await rawExchange('GARBAGE\r\n\r\n');
    await until(() => logLines().some((line) => line.msg.includes('refused before routing')));
    const line = logLines().find((entry) => entry.msg.includes('refused before routing'));
    expect(line).toMatchObject({ level: 20, msg: expect.stringContaining('400') });
    expect(logLines().filter((entry) => entry.level >= PINO_ERROR)).toEqual([]);
    expect(suite.bff.logs.join('')).not.toMatch(STACK);
  });
});

describe('a client that stops sending its request', () => {
  const server = (): Server => suite.bff.app.getHttpServer();

  /** Headers and the first part of a body that says it is longer. */
  const partialPatch = (requestId: string) =>
    [
      'PATCH /me/identity HTTP/1.1',
      'Host: bff',
      `Authorization: ${auth()}`,
      'Content-Type: application/json',
      'Content-Length: 4000',
      `X-Request-Id: ${requestId}`,
      '',
      '{"provider": "veriff", "person": {',
    ].join('\r\n');

  /** Resolves once the server reads the body of the next request (its JSON parser listens). */
  function bodyBeingRead(): Promise<IncomingMessage> {
    return new Promise((resolve) => {
      server().once('request', (raw: IncomingMessage) => {
        void until(() => raw.listenerCount('data') > 0).then(() => resolve(raw));
      });
    });
  }

  it(`has ${REQUEST_RECEIVE_TIMEOUT_MS / 1000} s to send it, on the real server`, () => {
    expect(REQUEST_RECEIVE_TIMEOUT_MS).toBe(30_000);
    expect(server().requestTimeout).toBe(REQUEST_RECEIVE_TIMEOUT_MS);
    expect(server().headersTimeout).toBe(REQUEST_RECEIVE_TIMEOUT_MS);
  });

  it('that hangs up mid-body is logged on one line below error level, with no stack', async () => {
    const ids = Array.from({ length: 20 }, (_, n) => `aborted-${n}`);
    for (const id of ids) {
      const reading = bodyBeingRead();
      const socket = await openConnection(suite.bff.url);
      socket.on('error', () => undefined);
      socket.write(partialPatch(id));
      await reading;
      socket.destroy();
    }
    await until(() => ids.every((id) => logLines().some((line) => line.reqId === id)));
    for (const id of ids) {
      const lines = logLines().filter((line) => line.reqId === id);
      expect(lines).toHaveLength(1);
      expect(lines[0].level).toBeLessThanOrEqual(30);
    }
    expect(logLines().filter((line) => line.level >= PINO_ERROR)).toEqual([]);
    expect(suite.bff.logs.join('')).not.toMatch(STACK);
    expect(suite.sim.requestsTo('patchIdentity')).toHaveLength(0);
  });

  describe('within a short receive timeout (this app only)', () => {
    const TEST_TIMEOUT_MS = 300;
    const setTimeouts = (ms: number) => {
      server().requestTimeout = ms;
      server().headersTimeout = ms;
    };
    beforeEach(() => setTimeouts(TEST_TIMEOUT_MS));
    afterEach(() => setTimeouts(REQUEST_RECEIVE_TIMEOUT_MS));

    it('mid-body: answers 408 request_timeout with its request id, logged below error level', async () => {
      const socket = await openConnection(suite.bff.url);
      const answer = answerOn(socket);
      socket.write(partialPatch('stalled-1'));
      const stalled = await answer;
      expectProblem(stalled, 408, 'request_timeout');
      expect(stalled.headers['x-request-id']).toBe('stalled-1');
      await until(() => logLines().some((line) => line.reqId === 'stalled-1'));
      const [line] = logLines().filter((entry) => entry.reqId === 'stalled-1');
      expect(line).toMatchObject({ level: 30, res: { statusCode: 408 } });
      expect(logLines().filter((entry) => entry.level >= PINO_ERROR)).toEqual([]);
      expect(suite.bff.logs.join('')).not.toMatch(STACK);
    });

    it('mid-headers: answers 408 request_timeout', async () => {
      const socket = await openConnection(suite.bff.url);
      const answer = answerOn(socket);
      socket.write('GET /me/identity HTTP/1.1\r\nHost: bff\r\nX-Slow: ');
      expectProblem(await answer, 408, 'request_timeout');
    });
  });
});

describe('the client IP sent upstream (X-Uphold-User-Ip)', () => {
  const getWithForwardedFor = (forwardedFor: string) =>
    request(suite.bff.url)
      .get('/me/identity')
      .set('Authorization', auth())
      .set('X-Forwarded-For', forwardedFor)
      .expect(200);
  const forwardedIp = () => suite.sim.requestsTo('getKyc')[0].headers['x-uphold-user-ip'];

  it.each([
    ['an IPv4 address', '198.51.100.9, 203.0.113.7', '203.0.113.7'],
    ['an IPv6 address', '2001:db8::1', '2001:db8::1'],
    ['an IPv4-mapped IPv6 address, as IPv4', '::ffff:203.0.113.7', '203.0.113.7'],
    ['a scoped IPv6 address, without its zone', `fe80::1%${'z'.repeat(3_000)}`, 'fe80::1'],
  ])('forwards %s', async (_, forwardedFor, expected) => {
    await getWithForwardedFor(forwardedFor);
    expect(forwardedIp()).toBe(expected);
  });

  it.each([
    ['text that is no address', 'not-an-ip <script>'],
    ['3,000 characters', '1'.repeat(3_000)],
    ['an address with a port', '203.0.113.7:4711'],
    ['an address with leading zeros', '203.000.113.007'],
  ])('drops %s, and logs why at debug without the value', async (_, forwardedFor) => {
    await getWithForwardedFor(forwardedFor);
    expect(suite.sim.requestsTo('getKyc')).toHaveLength(1);
    expect(forwardedIp()).toBeUndefined();
    const dropped = logLines().filter((line) => line.msg.includes('client IP not forwarded'));
    expect(dropped).toHaveLength(1);
    expect(dropped[0].level).toBe(20);
    expect(suite.bff.logs.join('')).not.toContain(forwardedFor);
  });
});
