import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { startBff, startSimulator, testEnv, TestBff } from '../support/bff';
import { TcpGate } from '../support/tcp-gate';
import { batch, callBff, FaultReport, until } from './fault-kit';

/** Short enough to keep the suite quick, long enough for the retries it allows. */
const UPSTREAM_TIMEOUT_MS = 800;
/**
 * What "answered in time" allows beyond the deadline, for the app's own work on a busy machine:
 * derived from the deadline (one more), never a fixed wall-clock figure.
 */
const SLACK_MS = UPSTREAM_TIMEOUT_MS;

let sim: UpholdSimulator;
let gate: TcpGate;
let bff: TestBff;
const report = new FaultReport('Upstream faults (contract §1.4)');

beforeAll(async () => {
  sim = await startSimulator();
  gate = await TcpGate.open(Number(new URL(sim.url).port));
});
afterAll(async () => {
  report.print();
  await gate.shut();
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  await gate.reopen();
  // a fresh app per test, so one test's failures never open another test's circuit
  bff = await startBff(testEnv(gate.url, { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS) }));
  expect((await callBff(bff.url)).status).toBe(200); // warm token
  sim.reset();
});
afterEach(() => bff.close());

const get = () => callBff(bff.url, 'GET');
const patch = () => callBff(bff.url, 'PATCH');

describe('upstream faults: every request gets its documented answer', () => {
  it('answers 502 upstream_error to a 500, without retrying it', async () => {
    sim.setFault('getKyc', { status: 500 });
    const outcome = await batch(6, 3, get); // below the circuit's volume threshold (10 attempts)
    expect(outcome.byStatus).toEqual({ 502: 6 });
    expect([...outcome.codes]).toEqual(['upstream_error']);
    expect(sim.requestsTo('getKyc')).toHaveLength(6);
    report.add({
      fault: 'upstream 500',
      clientSees: '502 upstream_error',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('retries a GET after 502/503/504 and answers 200 when a retry succeeds', async () => {
    sim.setFault('getKyc', { status: 503, times: 1 });
    const first = await get();
    sim.setFault('getKyc', { status: 504, times: 1 });
    const second = await get();
    sim.setFault('getKyc', { status: 502, times: 2 });
    const third = await get();
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(sim.requestsTo('getKyc')).toHaveLength(2 + 2 + 3);
  });

  it('answers 502 to a GET whose every attempt gets 503: three attempts within the deadline', async () => {
    sim.setFault('getKyc', { status: 503 });
    const outcome = await batch(3, 3, get); // 9 attempts: below the circuit's volume threshold
    expect(outcome.byStatus).toEqual({ 502: 3 });
    expect(sim.requestsTo('getKyc')).toHaveLength(9);
    expect(outcome.maxLatencyMs).toBeLessThan(UPSTREAM_TIMEOUT_MS + SLACK_MS);
    report.add({
      fault: 'upstream 503 on every GET attempt',
      clientSees: '502 upstream_error after 3 attempts',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('never retries a PATCH that reached the upstream: a 503 answer, or a connection cut mid-request', async () => {
    sim.setFault('patchIdentity', { status: 503, times: 1 });
    const answered = await patch();
    sim.setFault('patchIdentity', { destroy: true, times: 1 });
    const cut = await patch();
    expect([answered.status, cut.status]).toEqual([502, 502]);
    expect([answered.body.code, cut.body.code]).toEqual(['upstream_error', 'upstream_error']);
    expect(sim.requestsTo('patchIdentity')).toHaveLength(2);
  });

  it('retries a GET whose connection is cut, and answers 200', async () => {
    sim.setFault('getKyc', { destroy: true, times: 1 });
    expect((await get()).status).toBe(200);
    expect(sim.requestsTo('getKyc')).toHaveLength(2);
  });

  it('answers 504 upstream_timeout in time when the upstream does not answer', async () => {
    sim.setFault('getKyc', { hang: true });
    const outcome = await batch(10, 10, get);
    expect(outcome.byStatus).toEqual({ 504: 10 });
    expect([...outcome.codes]).toEqual(['upstream_timeout']);
    expect(outcome.maxLatencyMs).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
    expect(outcome.maxLatencyMs).toBeLessThan(UPSTREAM_TIMEOUT_MS + SLACK_MS);
    report.add({
      fault: `upstream hangs (UPSTREAM_TIMEOUT_MS=${UPSTREAM_TIMEOUT_MS})`,
      clientSees: '504 upstream_timeout',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('answers 503 upstream_unavailable with Retry-After when connections are refused', async () => {
    await gate.shut();
    const outcome = await batch(10, 5, patch);
    expect(outcome.byStatus).toEqual({ 503: 10 });
    expect([...outcome.codes]).toEqual(['upstream_unavailable']);
    const answer = await get();
    expect(answer.retryAfter).toMatch(/^\d+$/);
    expect(outcome.maxLatencyMs).toBeLessThan(UPSTREAM_TIMEOUT_MS + SLACK_MS);
    report.add({
      fault: 'connection refused',
      clientSees: '503 upstream_unavailable + Retry-After',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('retries a PATCH that provably never left (connection refused) and answers 200 once the upstream is back', async () => {
    await gate.shut();
    const pending = patch();
    await until(() =>
      bff.logs.some((line) => line.includes('retrying update identity after unavailable')),
    );
    await gate.reopen();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(sim.requestsTo('patchIdentity')).toHaveLength(1);
  });

  it('answers 429 rate_limited with the upstream Retry-After, and does not retry it', async () => {
    sim.setFault('getKyc', { status: 429, headers: { 'Retry-After': '17' } });
    const outcome = await batch(10, 5, get);
    expect(outcome.byStatus).toEqual({ 429: 10 });
    expect((await get()).retryAfter).toBe('17');
    expect(sim.requestsTo('getKyc')).toHaveLength(11);
    report.add({
      fault: 'upstream 429, Retry-After: 17',
      clientSees: '429 rate_limited + Retry-After: 17',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('answers 502 upstream_error to malformed JSON', async () => {
    sim.setFault('getKyc', { malformed: true });
    const outcome = await batch(10, 5, get);
    expect(outcome.byStatus).toEqual({ 502: 10 });
    expect([...outcome.codes]).toEqual(['upstream_error']);
    report.add({
      fault: 'malformed JSON body',
      clientSees: '502 upstream_error',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });
});
