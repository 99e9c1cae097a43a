/**
 * `npm run bench:tail`: where the half-load tail comes from. One BFF (the image's flags, or
 * BENCH_NODE_FLAGS) with the stall probe preloaded, warmed by a closed-loop load, then an evenly
 * paced load; prints p50/p99 and, per second, the p99, the slowest request and what the probe saw
 * in the BFF in that second (event-loop gaps with their CPU time, GC pauses over 5 ms).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive, firstPartyRequests, Route, signUserTokens } from './load';
import { drivePaced, percentile } from './paced-load';
import { bffNodeFlags, pinSelf, stop } from './processes';
import { startBff, startRedis, startSimulator } from './services';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RATE = number('TAIL_RATE', 1500);
const SECONDS = number('TAIL_SECONDS', 20);
const WARM_UP_SECONDS = number('TAIL_WARM_UP_SECONDS', 15);
const ROUTE = (process.env.TAIL_ROUTE ?? 'GET') as Route;
const LATENCY_MS = number('TAIL_LATENCY_MS', 0);

/** V8's GC kinds as `PerformanceObserver('gc')` reports them. */
const GC_KINDS: Record<string, string> = {
  '1': 'scavenge',
  '2': 'minor mark',
  '4': 'mark-compact',
  '8': 'incremental marking',
  '16': 'weak callbacks',
};

function pushTo<T>(groups: Map<number, T[]>, key: number, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

/** The probe's lines, by the second of the paced run they fall in. */
function probeEventsBySecond(file: string, startedAt: number): Map<number, string[]> {
  const bySecond = new Map<number, string[]>();
  if (!existsSync(file)) return bySecond; // nothing over the thresholds
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const [what, at, ms, extra] = line.split(' ');
    const second = Math.floor((Number(at) - startedAt) / 1000);
    if (second < 0) continue;
    const text =
      what === 'gc'
        ? `${GC_KINDS[extra] ?? `gc ${extra}`} ${ms} ms`
        : `gap ${ms} ms (CPU ${extra} ms)`;
    pushTo(bySecond, second, text);
  }
  return bySecond;
}

async function main(): Promise<void> {
  pinSelf();
  const stallLog = join(tmpdir(), `bench-stalls-${process.pid}.log`);
  const nodeFlags = bffNodeFlags();
  const { redis, client } = await startRedis();
  const simulator = await startSimulator(LATENCY_MS);
  const bff = await startBff(simulator, redis.url, {
    name: 'BFF',
    logLevel: 'info',
    nodeFlags: [...nodeFlags, '--require', join(__dirname, 'stall-probe.js')],
    allocationFile: join(tmpdir(), `bench-allocation-${process.pid}`),
    env: { BENCH_STALL_LOG: stallLog },
  });
  try {
    const requests = firstPartyRequests(ROUTE, signUserTokens(100));
    await drive(bff.url, requests, { connections: 32, durationSeconds: WARM_UP_SECONDS });
    const samples: [number, number][] = [];
    const startedAt = Date.now();
    const paced = await drivePaced(bff.url, requests, RATE, SECONDS, (at, ms) =>
      samples.push([at, ms]),
    );
    console.log(
      `${ROUTE} at ${RATE} req/s for ${SECONDS} s after ${WARM_UP_SECONDS} s of closed-loop warm-up, node flags ${nodeFlags.join(' ') || 'none'}: p50 ${paced.p50} ms, p99 ${paced.p99} ms, failures ${paced.failures}`,
    );
    const events = probeEventsBySecond(stallLog, startedAt);
    const bySecond = new Map<number, number[]>();
    for (const [at, ms] of samples) {
      const second = Math.floor((at - startedAt) / 1000);
      pushTo(bySecond, second, ms);
    }
    for (const [second, latencies] of [...bySecond].sort(([a], [b]) => a - b)) {
      const sorted = latencies.sort((a, b) => a - b);
      const seen = events.get(second)?.join(', ') ?? '';
      console.log(
        `${String(second).padStart(3)} s  p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms  max ${sorted[sorted.length - 1].toFixed(1).padStart(6)} ms  ${seen}`,
      );
    }
  } finally {
    await stop(bff.child);
    await stop(simulator.child);
    client.destroy();
    await redis.stop();
    rmSync(stallLog, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
