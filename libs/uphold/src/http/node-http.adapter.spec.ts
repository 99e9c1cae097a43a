import axios, { AxiosError, AxiosInstance, isAxiosError, isCancel } from 'axios';
import { Agent } from 'node:http';
import { Handler, serve } from '../../../../test/support/local-http-server';
import { nodeHttpAdapter } from './node-http.adapter';
import { transportError } from './transport-errors';
import { createUpstreamHttp } from './upstream-http';

const servers: { close(): Promise<void> }[] = [];
const instances: AxiosInstance[] = [];
async function upstream(handler: Handler, base = '', timeoutMs = 5_000) {
  const server = await serve(handler);
  servers.push(server);
  const http = createUpstreamHttp(server.url + base, timeoutMs);
  instances.push(http);
  return { server, http };
}

afterEach(async () => {
  for (const http of instances.splice(0)) (http.defaults.httpAgent as Agent).destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function failureOf(promise: Promise<unknown>): Promise<AxiosError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAxiosError(error)) throw new Error(`expected an AxiosError, got ${String(error)}`);
  return error;
}

const answer = (status: number, body = '', headers: Record<string, string> = {}) =>
  ((_req, res) => res.writeHead(status, headers).end(body)) satisfies Handler;

describe('nodeHttpAdapter', () => {
  it('sends the method, the base path, the query, the headers and a form body as they were given', async () => {
    const { server, http } = await upstream(answer(200), '/api/');
    http.interceptors.request.use((config) => {
      config.headers.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
      return config;
    });
    await http.post('/core/oauth2/token?x=1&y=%C3%A9', 'grant_type=client_credentials&é=1', {
      headers: {
        Authorization: 'Basic abc',
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Absent': undefined,
        'X-Null': null,
      },
    });
    const [request] = server.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/core/oauth2/token?x=1&y=%C3%A9');
    expect(request.body).toBe('grant_type=client_credentials&é=1');
    expect(request.headers).toMatchObject({
      authorization: 'Basic abc',
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength('grant_type=client_credentials&é=1')),
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'accept-encoding': 'identity',
      'user-agent': `axios/${axios.VERSION}`,
    });
    expect(request.headers).not.toHaveProperty('x-absent');
    expect(request.headers).not.toHaveProperty('x-null');
  });

  it('sends a JSON body with PATCH and bytes as they are, and no body at all with GET', async () => {
    const { server, http } = await upstream(answer(204));
    await http.patch('/core/kyc', JSON.stringify({ name: 'Zoë' }), {
      headers: { 'Content-Type': 'application/json' },
    });
    await http.put('/bytes', Buffer.from([0x68, 0x69]));
    await http.get('/core/kyc');
    const [patch, put, get] = server.received;
    expect([patch.method, patch.body, patch.headers['content-type']]).toEqual([
      'PATCH',
      '{"name":"Zoë"}',
      'application/json',
    ]);
    expect([put.method, put.body, put.headers['content-length']]).toEqual(['PUT', 'hi', '2']);
    expect([get.method, get.body]).toEqual(['GET', '']);
    expect(get.headers['content-length']).toBeUndefined();
    expect(get.headers['transfer-encoding']).toBeUndefined();
  });

  it('returns the status, the headers by lower-cased name and the body as utf-8 text', async () => {
    const euro = Buffer.from('\uFEFF{"amount":"3 €"}'); // a BOM, which axios drops too
    const { http } = await upstream((_req, res) => {
      res.writeHead(429, 'Slow Down', { 'X-Uphold-Request-Id': 'up-1', 'Retry-After': '7' });
      res.write(euro.subarray(0, euro.indexOf('€') + 1)); // splits the euro sign across two chunks
      setTimeout(() => res.end(euro.subarray(euro.indexOf('€') + 1)), 20);
    });
    const response = await http.get<string>('/core/kyc');
    expect(response.status).toBe(429);
    expect(response.statusText).toBe('Slow Down');
    expect(response.headers['x-uphold-request-id']).toBe('up-1');
    expect(response.headers['retry-after']).toBe('7');
    expect(response.data).toBe('{"amount":"3 €"}');
  });

  it('returns a redirect as the answer, without following it', async () => {
    const { server, http } = await upstream(answer(302, '', { Location: '/elsewhere' }));
    const response = await http.get('/core/kyc');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/elsewhere');
    expect(server.received.map((r) => r.url)).toEqual(['/core/kyc']);
  });

  it('lets axios apply validateStatus and transformResponse to what it returns', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === '/ok' ? 200 : Number(req.url?.slice(1)));
      res.end('{"ok":true}');
    });
    servers.push(server);
    const http = axios.create({ baseURL: server.url, adapter: nodeHttpAdapter });
    expect((await http.get('/ok')).data).toEqual({ ok: true });
    const notFound = await failureOf(http.get('/404'));
    expect([notFound.code, notFound.response?.status]).toEqual(['ERR_BAD_REQUEST', 404]);
    const unavailable = await failureOf(http.get('/503'));
    expect([unavailable.code, unavailable.response?.data]).toEqual([
      'ERR_BAD_RESPONSE',
      { ok: true },
    ]);
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const { server, http } = await upstream(answer(200, 'ok'));
    await http.get('/one');
    await http.post('/two', 'x');
    await http.get('/three');
    expect(server.received).toHaveLength(3);
    expect(server.connections()).toBe(1);
  });

  it('aborts an answer that does not come in time with ECONNABORTED, which reads as a timeout', async () => {
    let dropped = (): void => undefined;
    const connectionDropped = new Promise<void>((resolve) => (dropped = resolve));
    const { http } = await upstream((req) => req.socket.on('close', dropped), '', 50);
    const error = await failureOf(http.get('/core/kyc'));
    expect(error.code).toBe('ECONNABORTED');
    expect(error.message).toBe('timeout of 50ms exceeded');
    expect(transportError(error, 'call').kind).toBe('timeout');
    await connectionDropped; // not left open, nor handed back to the pool half-read
  });

  it('also times out when the headers came but the body stalls', async () => {
    const { http } = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Length': '10' });
      res.write('12345');
    });
    const error = await failureOf(http.get('/core/kyc', { timeout: 50 }));
    expect(error.code).toBe('ECONNABORTED');
  });

  it('rejects with ECONNREFUSED when nothing listens, which reads as unreachable', async () => {
    const closed = await serve(answer(200));
    await closed.close();
    const http = createUpstreamHttp(closed.url, 5_000);
    instances.push(http);
    const error = await failureOf(http.get('/core/kyc'));
    expect(error.code).toBe('ECONNREFUSED');
    expect(transportError(error, 'call')).toMatchObject({ kind: 'unavailable', notSent: true });
  });

  it('rejects with the connection error when the socket is cut before an answer', async () => {
    const { http } = await upstream((req) => req.socket.destroy());
    const error = await failureOf(http.get('/core/kyc'));
    expect(error.code).toBe('ECONNRESET');
    expect(transportError(error, 'call').kind).toBe('server_error');
  });

  it('rejects, rather than resolves, an answer whose connection is cut mid-body', async () => {
    const { http } = await upstream((req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"partial":', () => req.socket.destroy());
    });
    const error = await failureOf(http.get('/core/kyc'));
    expect(error.code).toBe('ERR_BAD_RESPONSE');
    expect(error.response?.status).toBe(200);
  });

  it('refuses a compressed answer rather than return its bytes as text', async () => {
    const { http } = await upstream(answer(200, 'not really gzip', { 'Content-Encoding': 'gzip' }));
    const error = await failureOf(http.get('/core/kyc'));
    expect(error.code).toBe('ERR_BAD_RESPONSE');
    expect(error.message).toMatch(/gzip/);
  });

  it('cancels the request and drops its connection when its signal aborts', async () => {
    let dropped = (): void => undefined;
    const connectionDropped = new Promise<void>((resolve) => (dropped = resolve));
    let arrived = (): void => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const { http } = await upstream((req) => {
      req.socket.on('close', dropped);
      arrived();
    });
    const controller = new AbortController();
    // no timeout: only the signal can end this request
    const pending = failureOf(http.get('/core/kyc', { signal: controller.signal, timeout: 0 }));
    await reached;
    controller.abort();
    const error = await pending;
    expect(isCancel(error)).toBe(true);
    expect(error.code).toBe('ERR_CANCELED');
    await connectionDropped;
  });

  it('refuses params instead of silently dropping the query', async () => {
    const { server, http } = await upstream(answer(200));
    const error = await failureOf(http.get('/core/kyc', { params: { detailed: 'identity' } }));
    expect(error.code).toBe('ERR_BAD_OPTION');
    expect(server.received).toHaveLength(0);
  });
});
