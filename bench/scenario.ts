import { Request } from 'autocannon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  drive,
  firstPartyRequests,
  LoadOptions,
  Measured,
  residentAfter10kAnd100k,
  Route,
  signUserTokens,
  upstreamRequests,
} from './load';
import { heapCounts } from './allocation';
import { startOtlpSink } from './otlp-sink';
import { drivePaced } from './paced-load';
import { cpuSeconds, stop } from './processes';
import {
  BffOptions,
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
  /** Where each BFF writes a sampling allocation profile on exit (collected objects included). */
  allocationProfileDir?: string;
  /** A second BFF measured in the same rounds (an A/B trial), when any of its settings is given. */
  candidate?: CandidateConfig;
}

export interface CandidateConfig {
  /** Another checkout (built) whose `dist` runs as the candidate; this one's by default. */
  checkout?: string;
  env: NodeJS.ProcessEnv;
  nodeFlags: string[];
}

export type Target = 'BFF' | 'candidate' | 'baseline' | 'simulator';
type Bff = 'BFF' | 'candidate';

/**
 * One measured run, with the CPU the answering process spent per request (and, for a BFF, the bytes
 * it allocated and the bytes its scavenges promoted to the old generation).
 */
export interface Run extends Measured {
  cpuMicrosPerRequest: number;
  allocatedKiBPerRequest?: number;
  promotedKiBPerRequest?: number;
}

export interface HalfRate {
  rate: number;
  bff: Measured;
  candidate?: Measured;
  baseline: Measured;
}

export interface RouteResult {
  route: Route;
  runs: Record<Target, Run[]>;
  redisCommands: Map<string, number>;
  bffRequests: number;
  halfRate?: HalfRate;
}

export interface Memory {
  after10k: number;
  after100k: number;
}

export interface ScenarioResult {
  latencyMs: number;
  routes: RouteResult[];
  bffTokenRequests: number;
  bffSeconds: number;
  memory?: Partial<Record<Bff, Memory>>;
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

/** A service under load: where it answers, and for a BFF, where its allocation probe answers. */
interface Measurable extends Service {
  allocationFile?: string;
}

async function measure(
  service: Measurable,
  requests: Request[],
  options: LoadOptions,
): Promise<Run> {
  const pid = service.child.process.pid ?? 0;
  const { allocationFile } = service;
  const heapBefore = allocationFile ? await heapCounts(pid, allocationFile) : undefined;
  const cpuBefore = cpuSeconds(pid);
  const measured = await drive(service.url, requests, options);
  const cpuMicros = (cpuSeconds(pid) - cpuBefore) * 1e6;
  const run: Run = {
    ...measured,
    cpuMicrosPerRequest: measured.total > 0 ? cpuMicros / measured.total : 0,
  };
  if (allocationFile && heapBefore && measured.total > 0) {
    const heapAfter = await heapCounts(pid, allocationFile);
    run.allocatedKiBPerRequest =
      (heapAfter.allocated - heapBefore.allocated) / 1024 / measured.total;
    run.promotedKiBPerRequest = (heapAfter.promoted - heapBefore.promoted) / 1024 / measured.total;
  }
  return run;
}

/** One read before measuring, so the BFF holds its upstream token (in memory and in Redis). */
async function warmToken(url: string, userToken: string): Promise<void> {
  const answer = await fetch(`${url}/me/identity`, {
    headers: { authorization: `Bearer ${userToken}` },
  });
  if (answer.status !== 200)
    throw new Error(`the warm-up read answered ${answer.status}: ${await answer.text()}`);
}

function bffOptions(config: BenchConfig, name: Bff, otlpSink: string): BffOptions {
  // one file per BFF process: a new process counts from 0 again
  const allocationFile = join(tmpdir(), `bench-allocation-${process.pid}-${name}-${Date.now()}`);
  const allocationProfile =
    config.allocationProfileDir &&
    `${config.allocationProfileDir}/${name}-${process.pid}.heapprofile`;
  if (name === 'BFF')
    return {
      name,
      allocationFile,
      allocationProfile,
      logLevel: config.logLevel,
      nodeFlags: config.nodeFlags,
      cpuProfileDir: config.cpuProfileDir,
    };
  const candidate = config.candidate!;
  const env = Object.fromEntries(
    Object.entries(candidate.env).map(([key, value]) => [
      key,
      value?.replace('$OTLP_SINK', otlpSink),
    ]),
  );
  return {
    name,
    allocationFile,
    logLevel: config.logLevel,
    nodeFlags: candidate.nodeFlags,
    env,
    dist: candidate.checkout && `${candidate.checkout}/dist/apps`,
    cpuProfileDir: config.cpuProfileDir && `${config.cpuProfileDir}/candidate`,
    allocationProfile,
  };
}

/** RSS of each BFF after 10k and after 100k mixed requests. */
async function measureMemory(
  bffs: Partial<Record<Bff, Measurable>>,
  tokens: string[],
  load: LoadOptions,
): Promise<Partial<Record<Bff, Memory>>> {
  const mixed = [...firstPartyRequests('GET', tokens), ...firstPartyRequests('PATCH', tokens)];
  const memory: Partial<Record<Bff, Memory>> = {};
  for (const [name, bff] of Object.entries(bffs) as [Bff, Measurable][]) {
    memory[name] = await residentAfter10kAnd100k(bff.url, bff.child.process.pid ?? 0, mixed, load);
  }
  return memory;
}

/**
 * Seconds of the paced load run, and discarded, before the measured one at the same rate: the
 * closed-loop rounds before it leave a service in the middle of the garbage collection they
 * provoked, and the latency of leaving an overload is not the latency at half load.
 */
const PACED_WARM_UP_SECONDS = 5;

/** Everything measured against one simulator latency: rounds per route, half-rate latency, memory. */
export async function runScenario(config: BenchConfig, latencyMs: number): Promise<ScenarioResult> {
  const { redis, client } = await startRedis();
  const otlpSink = await startOtlpSink();
  const simulator = await startSimulator(latencyMs);
  const accessToken = await fetchAccessToken(simulator);
  const baseline = await startBaseline(simulator, accessToken);
  const tokensBefore = await tokenRequestsOf(simulator);
  const bffStartedAt = Date.now();
  const bffs: Partial<Record<Bff, Measurable>> = {};
  const log = (line: string) => process.stdout.write(`[${latencyMs} ms] ${line}\n`);
  try {
    for (const name of (config.candidate ? ['BFF', 'candidate'] : ['BFF']) as Bff[]) {
      const options = bffOptions(config, name, otlpSink.url);
      bffs[name] = {
        ...(await startBff(simulator, redis.url, options)),
        allocationFile: options.allocationFile,
      };
    }
    const bff = bffs.BFF!;
    const tokens = signUserTokens(config.users);
    const load = { connections: config.connections, durationSeconds: config.durationSeconds };
    for (const each of Object.values(bffs)) await warmToken(each.url, tokens[0]);
    const result: ScenarioResult = { latencyMs, routes: [], bffTokenRequests: 0, bffSeconds: 0 };
    if (config.memory) {
      result.memory = await measureMemory(bffs, tokens, load);
      for (const [name, m] of Object.entries(result.memory))
        log(
          `${name} RSS ${m.after10k.toFixed(1)} MiB after 10k, ${m.after100k.toFixed(1)} MiB after 100k`,
        );
    }
    const targetsMeasured: Target[] = config.candidate
      ? ['BFF', 'candidate', 'baseline', 'simulator']
      : ['BFF', 'baseline', 'simulator'];
    for (const route of config.routes) {
      const measureTarget = (target: Target): Promise<Run> =>
        target === 'simulator'
          ? measure(simulator, upstreamRequests(route, accessToken, FIXED_USER_ID), load)
          : measure(
              target === 'baseline' ? baseline : bffs[target]!,
              firstPartyRequests(route, tokens),
              load,
            );
      const warmUp = { ...load, durationSeconds: WARM_UP_SECONDS };
      for (const each of [...Object.values(bffs), baseline])
        await drive(each.url, firstPartyRequests(route, tokens), warmUp);
      const routeResult: RouteResult = {
        route,
        runs: { BFF: [], candidate: [], baseline: [], simulator: [] },
        redisCommands: new Map(),
        bffRequests: 0,
      };
      for (let round = 0; round < config.rounds; round += 1) {
        const order = round % 2 === 0 ? targetsMeasured : [...targetsMeasured].reverse();
        for (const target of order) {
          const before = target === 'BFF' ? await redisCommandCounts(client) : undefined;
          const measured = await measureTarget(target);
          if (before) {
            diff(await redisCommandCounts(client), before, routeResult.redisCommands);
            routeResult.bffRequests += measured.total;
          }
          routeResult.runs[target].push(measured);
          const allocation =
            measured.allocatedKiBPerRequest === undefined
              ? ''
              : `, ${Math.round(measured.allocatedKiBPerRequest)} KiB allocated/request, ${measured.promotedKiBPerRequest?.toFixed(1)} KiB promoted/request`;
          log(
            `${route} round ${round + 1} ${target}: ${Math.round(measured.requestsPerSecond)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms, failures ${measured.failures}, CPU ${Math.round(measured.cpuMicrosPerRequest)} µs/request${allocation}`,
          );
        }
      }
      const rate = Math.max(
        1,
        Math.round(median(routeResult.runs.BFF.map((m) => m.requestsPerSecond)) / 2),
      );
      const paced = async (service: Service) => {
        const requests = firstPartyRequests(route, tokens);
        await drivePaced(service.url, requests, rate, PACED_WARM_UP_SECONDS);
        return drivePaced(service.url, requests, rate, config.durationSeconds);
      };
      const halfRate: HalfRate = { rate, bff: await paced(bff), baseline: await paced(baseline) };
      if (bffs.candidate) halfRate.candidate = await paced(bffs.candidate);
      routeResult.halfRate = halfRate;
      log(
        `${route} at ${rate} req/s: p99 BFF ${halfRate.bff.p99} ms, baseline ${halfRate.baseline.p99} ms${halfRate.candidate ? `, candidate ${halfRate.candidate.p99} ms` : ''}`,
      );
      result.routes.push(routeResult);
    }
    result.bffTokenRequests = (await tokenRequestsOf(simulator)) - tokensBefore;
    result.bffSeconds = (Date.now() - bffStartedAt) / 1000;
    return result;
  } finally {
    for (const each of Object.values(bffs)) await stop(each.child);
    await stop(baseline.child);
    await stop(simulator.child);
    await otlpSink.close();
    client.destroy();
    await redis.stop();
  }
}
