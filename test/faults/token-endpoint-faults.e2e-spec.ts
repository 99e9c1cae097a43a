import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { CREDENTIALS_REFUSAL_MEMORY_MS } from '../../libs/uphold/src/token/token-endpoint';
import { FRESH_TOKEN_REFUSAL_MEMORY_MS } from '../../libs/uphold/src/token/token.service';
import { startBff, startSimulator, testEnv, TestBff } from '../support/bff';
import { batch, callBff, FaultReport, sleep, userPool } from './fault-kit';

const UPSTREAM_TIMEOUT_MS = 800;
/** Beyond the deadline, for the app's own work on a busy machine: one more deadline. */
const SLACK_MS = UPSTREAM_TIMEOUT_MS;

let sim: UpholdSimulator;
let bff: TestBff | undefined;
const report = new FaultReport('Token endpoint faults (contract §4)');

beforeAll(async () => (sim = await startSimulator()));
afterAll(async () => {
  report.print();
  await sim.stop();
});
beforeEach(() => sim.reset());
afterEach(async () => {
  await bff?.close();
  bff = undefined;
});

async function startApp(overrides: Record<string, string> = {}): Promise<TestBff> {
  bff = await startBff(
    testEnv(sim.url, { UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS), ...overrides }),
  );
  return bff;
}

describe('token endpoint faults', () => {
  it('answers 503 with Retry-After after bounded retries of a failing endpoint, and sends nothing upstream without a token', async () => {
    sim.setFault('token', { status: 500 });
    const app = await startApp();
    const first = await callBff(app.url);
    expect(first.status).toBe(503);
    expect(first.body.code).toBe('upstream_unavailable');
    expect(first.retryAfter).toMatch(/^\d+$/);
    expect(sim.tokenRequestCount()).toBe(3);
    const outcome = await batch(20, 10, () => callBff(app.url));
    expect(outcome.byStatus).toEqual({ 503: 20 });
    expect(sim.requestsTo('getKyc')).toHaveLength(0);
    report.add({
      fault: 'token endpoint 500',
      clientSees: '503 upstream_unavailable + Retry-After',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('answers 503 in time when the token endpoint hangs', async () => {
    sim.setFault('token', { hang: true });
    const app = await startApp();
    const outcome = await batch(20, 20, () => callBff(app.url));
    expect(outcome.byStatus).toEqual({ 503: 20 });
    expect(outcome.maxLatencyMs).toBeLessThan(UPSTREAM_TIMEOUT_MS + SLACK_MS);
    expect(sim.requestsTo('getKyc')).toHaveLength(0);
    report.add({
      fault: 'token endpoint hangs',
      clientSees: '503 upstream_unavailable, within UPSTREAM_TIMEOUT_MS',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('keeps the Retry-After of a token endpoint that answers 429', async () => {
    sim.setFault('token', { status: 429, headers: { 'Retry-After': '30' } });
    const app = await startApp();
    const answer = await callBff(app.url);
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe('30');
    expect(sim.tokenRequestCount()).toBe(1); // 30 s is past the deadline: no pointless retry
  });

  it('answers 1,000 requests with 502 upstream_auth_failed on refused credentials, with a handful of token requests', async () => {
    const app = await startApp({ UPHOLD_CLIENT_SECRET: 'not-the-secret' });
    const started = Date.now();
    const outcome = await batch(1_000, 50, () => callBff(app.url, 'GET', nextUser()));
    expect(outcome.byStatus).toEqual({ 502: 1_000 });
    expect([...outcome.codes]).toEqual(['upstream_auth_failed']);
    // one per CREDENTIALS_REFUSAL_MEMORY_MS of remembered refusal, however long a slow machine takes
    const windows = Math.ceil((Date.now() - started) / CREDENTIALS_REFUSAL_MEMORY_MS);
    expect(sim.tokenRequestCount()).toBeLessThanOrEqual(windows + 1);
    expect(sim.requestsTo('getKyc')).toHaveLength(0);
    report.add({
      fault: 'token endpoint refuses the credentials (401)',
      clientSees: '502 upstream_auth_failed',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('answers 502 upstream_auth_failed to a persistent upstream 401 without fetching a token per request', async () => {
    const app = await startApp();
    sim.rejectNextApiCalls(1_000_000); // every API call refused, fresh tokens too
    const started = Date.now();
    const outcome = await batch(40, 4, () => callBff(app.url, 'GET', nextUser()));
    expect(outcome.byStatus).toEqual({ 502: 40 });
    expect([...outcome.codes]).toEqual(['upstream_auth_failed']);
    // the first token, then one fresh token per FRESH_TOKEN_REFUSAL_MEMORY_MS of remembered refusal
    const windows = Math.ceil((Date.now() - started) / FRESH_TOKEN_REFUSAL_MEMORY_MS);
    expect(sim.tokenRequestCount()).toBeLessThanOrEqual(windows + 2);
    report.add({
      fault: 'upstream answers 401 to every token',
      clientSees: '502 upstream_auth_failed',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });

  it('never serves an expired token while the endpoint is down: answers 200 until expiry, then 503', async () => {
    sim.setTokenLifetime(4); // held for 2 s: the 60 s skew is capped at half the lifetime
    const app = await startApp();
    expect((await callBff(app.url)).status).toBe(200);
    sim.setFault('token', { status: 503 });
    await sleep(1_600); // past refresh-ahead (75%), before expiry: background refresh fails quietly
    expect((await callBff(app.url)).status).toBe(200);
    await sleep(600); // now past the expiry
    const apiCallsBefore = sim.requestsTo('getKyc').length;
    const outcome = await batch(20, 10, () => callBff(app.url));
    expect(outcome.byStatus).toEqual({ 503: 20 });
    expect(sim.requestsTo('getKyc')).toHaveLength(apiCallsBefore);
    report.add({
      fault: 'token expired while the endpoint is down (503)',
      clientSees: '503 upstream_unavailable; the expired token is never sent',
      outcome,
      tokenRequests: sim.tokenRequestCount(),
    });
  });
});

const nextUser = userPool(100);
