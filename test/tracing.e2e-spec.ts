import request from 'supertest';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { CLIENT_SECRET, TestBff } from './support/bff';
import { OtlpReceiver, ReceivedSpan, SPAN_KIND } from './support/otlp-receiver';
import { useSimulatorAndRedis } from './support/redis-suite';
import { USER_ID, userToken } from './support/test-keys';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;
const TRACEPARENT_SHAPE = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

const suite = useSimulatorAndRedis();
const receiver = new OtlpReceiver();
let receiverUrl: string;
beforeAll(async () => (receiverUrl = await receiver.start()));
afterAll(() => receiver.stop());
beforeEach(() => receiver.exports.splice(0));

const endUserToken = userToken();
const getIdentity = (bff: TestBff, traceparent?: string) => {
  const call = request(bff.url).get('/me/identity').set('Authorization', `Bearer ${endUserToken}`);
  return traceparent ? call.set('traceparent', traceparent).set('tracestate', 'gw=7') : call;
};
const upstreamTraceparent = (route: 'getKyc' | 'patchIdentity' | 'token') => {
  const calls = suite.sim.requestsTo(route);
  const header = calls[calls.length - 1]?.headers.traceparent;
  const match = TRACEPARENT_SHAPE.exec(String(header));
  if (!match) throw new Error(`no traceparent on the upstream ${route} call: ${String(header)}`);
  return {
    traceId: match[1],
    parentId: match[2],
    tracestate: calls[calls.length - 1].headers.tracestate,
  };
};
const logLines = (bff: TestBff) =>
  bff.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
const requestLine = (bff: TestBff) =>
  logLines(bff).find((line) => line.msg === 'request completed');

describe('W3C trace context, with no exporter configured', () => {
  it("continues the caller's trace: the upstream call carries its trace id, the BFF's span as parent, and its tracestate", async () => {
    const bff = await suite.startBffOnRedis();
    await getIdentity(bff, TRACEPARENT).expect(200);
    const upstream = upstreamTraceparent('getKyc');
    expect(upstream.traceId).toBe(TRACE_ID);
    expect(upstream.parentId).not.toBe(CALLER_SPAN_ID);
    expect(upstream.tracestate).toBe('gw=7');
  });

  it('starts a trace when the caller sent none, and still propagates it upstream', async () => {
    const bff = await suite.startBffOnRedis();
    await getIdentity(bff).expect(200);
    const upstream = upstreamTraceparent('getKyc');
    expect(upstream.traceId).not.toMatch(/^0+$/);
    expect(requestLine(bff)).toMatchObject({ trace_id: upstream.traceId });
  });

  it("writes the trace and span ids on the request's log line and on app lines written during it", async () => {
    const bff = await suite.startBffOnRedis();
    suite.sim.setFault('getKyc', { status: 503, times: 1 });
    await getIdentity(bff, TRACEPARENT).expect(200);
    const retryLine = logLines(bff).find((line) => String(line.msg).startsWith('retrying'));
    expect(retryLine).toMatchObject({
      reqId: requestLine(bff)?.reqId,
      trace_id: TRACE_ID,
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(requestLine(bff)).toMatchObject({ trace_id: TRACE_ID, span_id: retryLine?.span_id });
    expect(retryLine?.span_id).not.toBe(CALLER_SPAN_ID);
  });

  it('exports nothing', async () => {
    const bff = await suite.startBffOnRedis();
    await getIdentity(bff, TRACEPARENT).expect(200);
    await suite.closeBff(bff);
    expect(receiver.exports).toEqual([]);
  });
});

describe('tracing turned off (OTEL_SDK_DISABLED=true)', () => {
  it('sends no traceparent upstream and writes no trace ids, while app lines still carry the request id', async () => {
    const bff = await suite.startBffOnRedis({
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
    });
    suite.sim.setFault('getKyc', { status: 503, times: 1 });
    const response = await getIdentity(bff, TRACEPARENT).expect(200);
    expect(suite.sim.requestsTo('getKyc').map((call) => call.headers.traceparent)).toEqual([
      undefined,
      undefined,
    ]);
    const retryLine = logLines(bff).find((line) => String(line.msg).startsWith('retrying'));
    expect(retryLine).toMatchObject({ reqId: response.headers['x-request-id'] });
    for (const line of [retryLine, requestLine(bff)]) {
      expect(line).not.toHaveProperty('trace_id');
      expect(line).not.toHaveProperty('span_id');
    }
    await suite.closeBff(bff);
    expect(receiver.exports).toEqual([]);
  });
});

describe('spans exported over OTLP/HTTP', () => {
  async function tracedRun(protocol: 'http/json' | 'http/protobuf'): Promise<TestBff> {
    const bff = await suite.startBffOnRedis({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_SERVICE_NAME: 'identity-bff-test',
    });
    await getIdentity(bff, TRACEPARENT).expect(200);
    await request(bff.url)
      .patch('/me/identity')
      .set('Authorization', `Bearer ${endUserToken}`)
      .set('traceparent', TRACEPARENT)
      .send(validIdentityRequest())
      .expect(200);
    await suite.closeBff(bff); // flushes the batch
    return bff;
  }

  const byName = (spans: ReceivedSpan[], name: string) => {
    const found = spans.filter((span) => span.name === name);
    expect(found.map((span) => span.name)).toContain(name);
    return found[0];
  };

  it('sends a SERVER span per request and CLIENT spans for the upstream and the token endpoint, parented as the calls were made', async () => {
    await tracedRun('http/json');
    expect(receiver.exports.map((e) => [e.path, e.contentType])).toContainEqual([
      '/v1/traces',
      'application/json',
    ]);
    const spans = receiver.jsonSpans();
    const server = byName(spans, 'GET /me/identity');
    expect(server).toMatchObject({
      kind: SPAN_KIND.SERVER,
      traceId: TRACE_ID,
      parentSpanId: CALLER_SPAN_ID,
    });
    expect(server.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/me/identity',
      'http.response.status_code': 200,
    });

    const kyc = byName(spans, 'GET /core/kyc');
    expect(kyc).toMatchObject({
      kind: SPAN_KIND.CLIENT,
      traceId: TRACE_ID,
      parentSpanId: server.spanId,
    });
    expect(kyc.attributes).toMatchObject({
      'url.path': '/core/kyc',
      'http.response.status_code': 200,
    });
    expect(upstreamTraceparent('patchIdentity').traceId).toBe(TRACE_ID);
    const patchClient = byName(spans, 'PATCH /core/kyc/processes/identity');
    expect(upstreamTraceparent('patchIdentity').parentId).toBe(patchClient.spanId);

    const tokenFetch = byName(spans, 'POST /core/oauth2/token');
    expect(tokenFetch).toMatchObject({
      kind: SPAN_KIND.CLIENT,
      traceId: TRACE_ID,
      parentSpanId: server.spanId,
    });
  });

  it('records the token tiers and the fetch as events on the request span', async () => {
    await tracedRun('http/json');
    const spans = receiver.jsonSpans();
    const first = byName(spans, 'GET /me/identity').events;
    expect(first).toEqual(
      expect.arrayContaining([
        { name: 'token.lookup', attributes: { 'token.tier': 'memory', 'token.result': 'miss' } },
        { name: 'token.lookup', attributes: { 'token.tier': 'redis', 'token.result': 'miss' } },
        { name: 'token.fetch', attributes: { 'token.outcome': 'issued' } },
      ]),
    );
    const second = byName(spans, 'PATCH /me/identity').events;
    expect(second).toContainEqual({
      name: 'token.lookup',
      attributes: { 'token.tier': 'memory', 'token.result': 'hit' },
    });
  });

  it('puts no identity data, token, secret or user id in any span', async () => {
    await tracedRun('http/json');
    const exported = receiver.exports.map((e) => e.body.toString('utf8')).join('\n');
    expect(exported).toContain(TRACE_ID); // the exports were read
    const { document, person } = validIdentityRequest();
    const accessToken = String(suite.sim.requestsTo('getKyc')[0].headers.authorization).slice(7);
    for (const secret of [
      document.number,
      person.givenName,
      person.familyName,
      person.birthdate,
      person.address.line1,
      person.address.postalCode,
      USER_ID,
      accessToken,
      CLIENT_SECRET,
      endUserToken,
    ]) {
      expect(exported).not.toContain(secret);
    }
  });

  it('speaks OTLP over http/protobuf by default', async () => {
    const bff = await suite.startBffOnRedis({ OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl });
    await getIdentity(bff, TRACEPARENT).expect(200);
    await suite.closeBff(bff);
    expect(receiver.exports.length).toBeGreaterThan(0);
    for (const received of receiver.exports) {
      expect(received).toMatchObject({ path: '/v1/traces', contentType: 'application/x-protobuf' });
    }
    const body = Buffer.concat(receiver.exports.map((e) => e.body));
    expect(body.includes(Buffer.from(TRACE_ID, 'hex'))).toBe(true);
    expect(body.includes(Buffer.from('/me/identity'))).toBe(true);
  });
});
