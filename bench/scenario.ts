import { Request } from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  drive,
  firstPartyRequests,
  LoadOptions,
  Measured,
  Route,
  signUserTokens,
  upstreamRequests,
} from './load';
import { drivePaced } from './paced-load';
import { cpuSeconds, residentMiB, stop } from './processes';
import {
  fetchAccessToken,
  FIXED_USER_ID,
  redisCommandCounts,
  Service,
  startBaseline,
  startBff,
  startRedis,
  startSimulator,
  tokenRequestsOf,
} from './services';

export interface BenchConfig {
  durationSeconds: number;
  rounds: number;
  connections: number;
  users: number;
  routes: Route[];
  latencies: number[];
  logLevel: string;
  /** Extra `node` flags for the BFF (e.g. GC tuning to try). */
  nodeFlags: string[];
  memory: boolean;
  cpuProfileDir?: string;
}

export type Target = 'BFF' | 'baseline' | 'simulator';

/** One measured run, with the CPU the answering process spent per request. */
export interface Run extends Measured {
  cpuMicrosPerRequest: number;
}

export interface RouteResult {
  route: Route;
  runs: Record<Target, Run[]>;
  redisCommands: Map<string, number>;
  bffRequests: number;
  halfRate?: { rate: number; bff: Measured; baseline: Measured };
}

export interface ScenarioResult {
  latencyMs: number;
  routes: RouteResult[];
  bffTokenRequests: number;
  bffSeconds: number;
  memory?: { after10k: number; after100k: number };
}

const WARM_UP_SECONDS = 3;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function diff(after: Map<string, number>, before: Map<string, number>, into: Map<string, number>) {
  for (const [command, calls] of after) {
    const delta = calls - (before.get(command) ?? 0);
    if (delta > 0) into.set(command, (into.get(command) ?? 0) + delta);
  }
}

async function measure(service: Service, requests: Request[], options: LoadOptions): Promise<Run> {
  const pid = service.child.process.pid ?? 0;
  const cpuBefore = cpuSeconds(pid);
  const measured = await drive(service.url, requests, options);
  const cpuMicros = (cpuSeconds(pid) - cpuBefore) * 1e6;
  return { ...measured, cpuMicrosPerRequest: measured.total > 0 ? cpuMicros / measured.total : 0 };
}

/** One read before measuring, so the BFF holds its upstream token (in memory and in Redis). */
async function warmToken(url: string, userToken: string): Promise<void> {
  const answer = await fetch(`${url}/me/identity`, {
    headers: { authorization: `Bearer ${userToken}` },
  });
  if (answer.status !== 200)
    throw new Error(`the warm-up read answered ${answer.status}: ${await answer.text()}`);
}

/** Everything measured against one simulator latency: rounds per route, half-rate latency, memory. */
export async function runScenario(config: BenchConfig, latencyMs: number): Promise<ScenarioResult> {
  const { redis, client } = await startRedis();
  const simulator = await startSimulator(latencyMs);
  const accessToken = await fetchAccessToken(simulator);
  const baseline = await startBaseline(simulator, accessToken);
  const tokensBefore = await tokenRequestsOf(simulator);
  const bffStartedAt = Date.now();
  const bff = await startBff(
    simulator,
    redis.url,
    config.logLevel,
    config.nodeFlags,
    config.cpuProfileDir,
  );
  const tokens = signUserTokens(config.users);
  const load = { connections: config.connections, durationSeconds: config.durationSeconds };
  const log = (line: string) => process.stdout.write(`[${latencyMs} ms] ${line}\n`);
  try {
    await warmToken(bff.url, tokens[0]);
    const result: ScenarioResult = { latencyMs, routes: [], bffTokenRequests: 0, bffSeconds: 0 };
    if (config.memory) {
      const mixed = [...firstPartyRequests('GET', tokens), ...firstPartyRequests('PATCH', tokens)];
      await drive(bff.url, mixed, { ...load, amount: 10_000 });
      await sleep(2_000);
      const after10k = residentMiB(bff.child.process.pid ?? 0);
      await drive(bff.url, mixed, { ...load, amount: 90_000 });
      await sleep(2_000);
      const after100k = residentMiB(bff.child.process.pid ?? 0);
      result.memory = { after10k, after100k };
      log(`RSS ${after10k.toFixed(1)} MiB after 10k, ${after100k.toFixed(1)} MiB after 100k`);
    }
    for (const route of config.routes) {
      const targets: Record<Target, () => Promise<Run>> = {
        BFF: () => measure(bff, firstPartyRequests(route, tokens), load),
        baseline: () => measure(baseline, firstPartyRequests(route, tokens), load),
        simulator: () =>
          measure(simulator, upstreamRequests(route, accessToken, FIXED_USER_ID), load),
      };
      const warmUp = { ...load, durationSeconds: WARM_UP_SECONDS };
      await drive(bff.url, firstPartyRequests(route, tokens), warmUp);
      await drive(baseline.url, firstPartyRequests(route, tokens), warmUp);
      const routeResult: RouteResult = {
        route,
        runs: { BFF: [], baseline: [], simulator: [] },
        redisCommands: new Map(),
        bffRequests: 0,
      };
      for (let round = 0; round < config.rounds; round += 1) {
        const order: Target[] =
          round % 2 === 0 ? ['BFF', 'baseline', 'simulator'] : ['simulator', 'baseline', 'BFF'];
        for (const target of order) {
          const before = target === 'BFF' ? await redisCommandCounts(client) : undefined;
          const measured = await targets[target]();
          if (before) {
            diff(await redisCommandCounts(client), before, routeResult.redisCommands);
            routeResult.bffRequests += measured.total;
          }
          routeResult.runs[target].push(measured);
          log(
            `${route} round ${round + 1} ${target}: ${Math.round(measured.requestsPerSecond)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, failures ${measured.failures}, CPU ${Math.round(measured.cpuMicrosPerRequest)} µs/request`,
          );
        }
      }
      const rate = Math.max(
        1,
        Math.round(median(routeResult.runs.BFF.map((m) => m.requestsPerSecond)) / 2),
      );
      const halfBff = await drivePaced(
        bff.url,
        firstPartyRequests(route, tokens),
        rate,
        config.durationSeconds,
      );
      const halfBaseline = await drivePaced(
        baseline.url,
        firstPartyRequests(route, tokens),
        rate,
        config.durationSeconds,
      );
      routeResult.halfRate = { rate, bff: halfBff, baseline: halfBaseline };
      log(`${route} at ${rate} req/s: p99 BFF ${halfBff.p99} ms, baseline ${halfBaseline.p99} ms`);
      result.routes.push(routeResult);
    }
    result.bffTokenRequests = (await tokenRequestsOf(simulator)) - tokensBefore;
    result.bffSeconds = (Date.now() - bffStartedAt) / 1000;
    return result;
  } finally {
    await stop(bff.child);
    await stop(baseline.child);
    await stop(simulator.child);
    client.destroy();
    await redis.stop();
  }
}
