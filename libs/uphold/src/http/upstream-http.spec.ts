import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { Handler, serve } from '../../../../test/support/local-http-server';
import { TransportFailure } from './node-http-transport';
import { transportError } from './transport-errors';
import { UpstreamHttp } from './upstream-http';

const upstreams: UpstreamHttp[] = [];
const servers: { close(): Promise<void> }[] = [];

async function upstream(handler: Handler, base = '') {
  const server = await serve(handler);
  servers.push(server);
  const http = new UpstreamHttp(server.url + base, 5_000);
  upstreams.push(http);
  return { server, http };
}

afterEach(async () => {
  for (const http of upstreams.splice(0)) http.destroy();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const ok: Handler = (_req, res) =>
  res.writeHead(200, { 'x-uphold-request-id': 'up-7' }).end('{"ok":true}');

async function failureOf(promise: Promise<unknown>): Promise<TransportFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TransportFailure))
    throw new Error(`expected a TransportFailure: ${String(error)}`);
  return error;
}

describe('UpstreamHttp: the API calls, straight over node:http', () => {
  it('sends the method, the base path with the query, the headers and the body; returns status, headers and text', async () => {
    const { server, http } = await upstream(ok, '/api/');
    const answer = await http.send({
      method: 'PATCH',
      path: '/core/kyc?detailed=identity',
      headers: { 'Content-Type': 'application/json', 'X-On-Behalf-Of': 'user u-1' },
      body: '{"a":"é"}',
      timeoutMs: 1_000,
    });
    expect(answer).toMatchObject({ status: 200, data: '{"ok":true}' });
    expect(answer.headers['x-uphold-request-id']).toBe('up-7');
    const [received] = server.received;
    expect(received).toMatchObject({
      method: 'PATCH',
      url: '/api/core/kyc?detailed=identity',
      body: '{"a":"é"}',
    });
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      'x-on-behalf-of': 'user u-1',
      'content-length': String(Buffer.byteLength('{"a":"é"}')),
      'accept-encoding': 'identity',
    });
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const { server, http } = await upstream(ok);
    for (let i = 0; i < 3; i++)
      await http.send({ method: 'GET', path: '/', headers: {}, timeoutMs: 1_000 });
    expect(server.connections()).toBe(1);
  });

  it('gives up after the timeout with ECONNABORTED, which reads as a timeout', async () => {
    const { http } = await upstream(() => undefined); // never answers
    const failure = await failureOf(
      http.send({ method: 'GET', path: '/', headers: {}, timeoutMs: 50 }),
    );
    expect(failure.code).toBe('ECONNABORTED');
    expect(transportError(failure, 'get').kind).toBe('timeout');
  });

  it('fails with ECONNREFUSED when nothing listens, which reads as unreachable and never sent', async () => {
    const { server, http } = await upstream(ok);
    await server.close();
    const failure = await failureOf(
      http.send({ method: 'GET', path: '/', headers: {}, timeoutMs: 1_000 }),
    );
    expect(failure.code).toBe('ECONNREFUSED');
    expect(transportError(failure, 'get')).toMatchObject({ kind: 'unavailable', notSent: true });
  });

  it('fails, rather than answers, when the connection is cut mid-body', async () => {
    const { http } = await upstream((_req, res) => {
      res.writeHead(200, { 'content-length': '100' }).write('{"par');
      setTimeout(() => res.destroy(), 20);
    });
    const failure = await failureOf(
      http.send({ method: 'GET', path: '/', headers: {}, timeoutMs: 1_000 }),
    );
    expect(transportError(failure, 'get').kind).toBe('server_error');
  });
});

describe('UpstreamHttp with trace context propagation on (as the app sets it up)', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });

  it("carries a traceparent whose trace is the active span's", async () => {
    const { server, http } = await upstream(ok);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = trace.wrapSpanContext({
      traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    // with the API's no-op tracer, the CLIENT span is the parent's context itself
    await context.with(trace.setSpan(context.active(), parent), () =>
      http.send({ method: 'GET', path: '/', headers: {}, timeoutMs: 1_000 }),
    );
    expect(server.received[0].headers.traceparent ?? '').toContain(traceId);
  });
});
