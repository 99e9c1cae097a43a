import autocannon, { Result } from 'autocannon';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { validIdentityRequest } from '../../apps/identity-bff/src/identity/dto/update-identity.fixture';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  FIXTURE_FILE_IDS,
  startBff,
  testEnv,
  TestBff,
} from '../support/bff';
import { TestRedis } from '../support/redis-server';
import { TcpGate } from '../support/tcp-gate';
import { BatchOutcome, callBff, FaultReport, sleep, userPool } from './fault-kit';

const CONNECTIONS = 50;
const REQUESTS = 4_000;
const WARM_UP_REQUESTS = 1_000;
/** The request deadline the app is configured with: the most a fault may add to an answer. */
const UPSTREAM_TIMEOUT_MS = 1_000;
/** A request unanswered this long is hung for sure (autocannon's own timeout, in seconds). */
const HUNG_AFTER_SECONDS = (20 * UPSTREAM_TIMEOUT_MS) / 1000;
/** Every status the contract documents for these routes under faults. */
const DOCUMENTED = new Set([200, 429, 502, 503, 504]);

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let sim: UpholdSimulator;
let redis: TestRedis;
let gate: TcpGate;
let bff: TestBff;
const report = new FaultReport('Sustained load with faults');

beforeAll(async () => {
  sim = new UpholdSimulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    recordRequests: false,
    uploadedFileIds: FIXTURE_FILE_IDS,
  });
  [redis] = await Promise.all([TestRedis.start(), sim.start()]);
  gate = await TcpGate.open(Number(new URL(sim.url).port));
  bff = await startBff(
    testEnv(gate.url, {
      REDIS_URL: redis.url,
      UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      UPSTREAM_CIRCUIT_OPEN_MS: '500',
      LOG_LEVEL: 'warn',
    }),
    { keepLogs: false },
  );
});
afterAll(async () => {
  report.print();
  await bff.close();
  await gate.shut();
  await sim.stop();
  await redis.stop();
});

function heapUsedAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Half GETs, half valid PATCHes, each from one of 200 users in turn. */
function load(amount: number): Promise<Result> {
  const nextUser = userPool(200);
  const withUser = (method: 'GET' | 'PATCH', body?: string) => ({
    method,
    path: '/me/identity',
    body,
    setupRequest: (request: autocannon.Request) => ({
      ...request,
      headers: {
        ...request.headers,
        authorization: `Bearer ${nextUser()}`,
        'content-type': 'application/json',
      },
    }),
  });
  return autocannon({
    url: bff.url,
    connections: CONNECTIONS,
    amount,
    timeout: HUNG_AFTER_SECONDS,
    requests: [withUser('GET'), withUser('PATCH', JSON.stringify(validIdentityRequest()))],
  });
}

/** Kills and restarts Redis and makes the upstream flap, in a loop, until `done`. */
async function injectFaults(done: () => boolean): Promise<void> {
  const steps: (() => Promise<unknown> | void)[] = [
    () => redis.stop(),
    () => sim.setFault('getKyc', { status: 503 }),
    () => redis.restart(),
    () => sim.clearFaults(),
    () => gate.shut(),
    () => gate.reopen(),
    () => sim.setFault('patchIdentity', { hang: true }),
    () => sim.clearFaults(),
  ];
  for (let step = 0; !done(); step++) {
    await steps[step % steps.length]();
    await sleep(300);
  }
  sim.clearFaults();
  await gate.reopen();
  await redis.restart();
}

function outcomeOf(result: Result): BatchOutcome {
  const byStatus: Record<number, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    byStatus[Number(status)] = count ?? 0;
  }
  const answered = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  return {
    sent: result.requests.sent,
    answered,
    byStatus,
    codes: new Set(),
    maxLatencyMs: result.latency.max,
  };
}

describe('sustained load while Redis dies and the upstream flaps', () => {
  it('answers every request with 2xx or a documented error, none hangs, the process stays up, and memory returns to baseline', async () => {
    const calmBefore = await load(WARM_UP_REQUESTS); // token, JIT, connection pools
    const baseline = heapUsedAfterGc();
    const tokenRequestsBefore = sim.tokenRequestCount();

    let finished = false;
    const faults = injectFaults(() => finished);
    let result: Result;
    try {
      result = await load(REQUESTS);
    } finally {
      finished = true;
      await faults;
    }

    const outcome = outcomeOf(result);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(outcome.answered).toBe(outcome.sent);
    expect(
      Object.keys(outcome.byStatus)
        .map(Number)
        .filter((s) => !DOCUMENTED.has(s)),
    ).toEqual([]);
    expect(outcome.byStatus[200]).toBeGreaterThan(0);

    await sleep(600); // past the circuit's open time
    expect((await callBff(bff.url)).status).toBe(200);
    expect((await fetch(`${bff.url}/health/live`)).status).toBe(200);

    // the same warm-up work again, so both measurements see the same steady state
    const calmAfter = await load(WARM_UP_REQUESTS);
    const after = heapUsedAfterGc();
    // No fault may hold an answer past its deadline. The queueing of 50 connections is the
    // machine's, not the service's: it is measured by the same load without faults, just before
    // and just after; the faults may add one deadline to it, and one more is the margin.
    const calmMaxLatencyMs = Math.max(calmBefore.latency.max, calmAfter.latency.max);
    expect(outcome.maxLatencyMs).toBeLessThan(calmMaxLatencyMs + 2 * UPSTREAM_TIMEOUT_MS);
    const tokenRequests = sim.tokenRequestCount() - tokenRequestsBefore;
    console.log(`heap used after gc: baseline ${mb(baseline)}, after the load ${mb(after)}`);
    expect(after).toBeLessThan(baseline * 1.15 + 2 * 1024 * 1024);
    report.add({
      fault: `${CONNECTIONS} connections, ${REQUESTS} requests (GET+PATCH); Redis killed/restarted, upstream 503s, refused connections, hangs`,
      clientSees: `only ${[...DOCUMENTED].join('/')}; none hung; heap ${mb(baseline)} → ${mb(after)}`,
      outcome,
      tokenRequests,
    });
  }, 180_000); // a load test: thousands of requests on a shared 2-core machine
});

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
