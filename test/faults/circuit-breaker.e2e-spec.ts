import { UpstreamCircuit } from '@app/uphold';
import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { startBff, startSimulator, testEnv, TestBff } from '../support/bff';
import { batch, callBff, FaultReport, sleep, until } from './fault-kit';

const OPEN_MS = 1_000;

let sim: UpholdSimulator;
let bff: TestBff;
const report = new FaultReport('Circuit breaker');

beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => {
  report.print();
  await sim.stop();
});
beforeEach(async () => {
  sim.reset();
  bff = await startBff(testEnv(sim.url, { UPSTREAM_CIRCUIT_OPEN_MS: String(OPEN_MS) }));
  expect((await callBff(bff.url)).status).toBe(200); // warm token, closed circuit
});
afterEach(() => bff.close());

const get = () => callBff(bff.url, 'GET');
const circuitState = () => bff.app.get(UpstreamCircuit).state;

/** Failing GETs (3 attempts each) until the circuit opens. */
async function openTheCircuit(): Promise<void> {
  sim.setFault('getKyc', { status: 503 });
  for (let i = 0; i < 10 && circuitState() !== 'open'; i++) await get();
  expect(circuitState()).toBe('open');
}

describe('the circuit breaker around the upstream', () => {
  it('opens after a burst of failures; then requests fail fast with 503 and Retry-After, never reaching the upstream', async () => {
    await openTheCircuit();
    const seenBefore = sim.requestsTo('getKyc').length;
    const outcome = await batch(50, 25, get);
    expect(outcome.byStatus).toEqual({ 503: 50 });
    expect([...outcome.codes]).toEqual(['upstream_unavailable']);
    const answer = await get();
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(answer.retryAfter)).toBeLessThanOrEqual(OPEN_MS / 1000);
    expect(sim.requestsTo('getKyc')).toHaveLength(seenBefore);
    report.add({
      fault: 'circuit open (after upstream 503s)',
      clientSees: '503 upstream_unavailable + Retry-After, upstream not called',
      outcome,
      tokenRequests: sim.tokenRequestCount() - 1,
    });
  });

  it('half-opens after UPSTREAM_CIRCUIT_OPEN_MS, lets one probe through, and closes when it succeeds', async () => {
    await openTheCircuit();
    sim.clearFaults();
    await until(() => circuitState() === 'half_open', OPEN_MS * 3);
    const seenBefore = sim.requestsTo('getKyc').length;
    expect((await get()).status).toBe(200);
    expect(circuitState()).toBe('closed');
    expect(sim.requestsTo('getKyc')).toHaveLength(seenBefore + 1);
    const outcome = await batch(20, 10, get);
    expect(outcome.byStatus).toEqual({ 200: 20 });
  });

  it('opens again when the probe fails', async () => {
    await openTheCircuit();
    await until(() => circuitState() === 'half_open', OPEN_MS * 3);
    const seenBefore = sim.requestsTo('getKyc').length;
    expect((await get()).status).toBe(502); // the probe carries the upstream's own failure
    expect(circuitState()).toBe('open');
    expect((await get()).status).toBe(503); // and the next request fails fast again
    expect(sim.requestsTo('getKyc')).toHaveLength(seenBefore + 1);
  });

  it('is not opened by client errors: 404s and 422s are answers, not failures', async () => {
    sim.setFault('getKyc', { status: 404 });
    const outcome = await batch(30, 10, get);
    expect(outcome.byStatus).toEqual({ 404: 30 });
    await sleep(50);
    expect(circuitState()).toBe('closed');
  });
});
