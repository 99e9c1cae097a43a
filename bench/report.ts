import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { isPinned } from './processes';
import { BenchConfig, median, RouteResult, Run, ScenarioResult, Target } from './scenario';

const TARGETS: Target[] = ['BFF', 'baseline', 'simulator'];

const ms = (value: number) => `${value} ms`;
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');

function summary(runs: Run[]) {
  return {
    rps: median(runs.map((m) => m.requestsPerSecond)),
    p50: median(runs.map((m) => m.p50)),
    p99: median(runs.map((m) => m.p99)),
    cpu: median(runs.map((m) => m.cpuMicrosPerRequest)),
    failures: runs.reduce((sum, m) => sum + m.failures, 0),
  };
}

function throughputRows(scenario: ScenarioResult, route: RouteResult): string[] {
  const baseline = summary(route.runs.baseline);
  return TARGETS.map((target) => {
    const s = summary(route.runs[target]);
    const vsBaseline = target === 'simulator' ? '—' : ratio(s.rps, baseline.rps);
    const each = route.runs[target].map((m) => Math.round(m.requestsPerSecond)).join(' / ');
    return `| ${scenario.latencyMs} ms | ${route.route} | ${target} | ${Math.round(s.rps)} (${each}) | ${ms(s.p50)} | ${ms(s.p99)} | ${vsBaseline} | ${Math.round(s.cpu)} µs | ${s.failures} |`;
  });
}

function redisPerRequest(route: RouteResult): string {
  const total = [...route.redisCommands.values()].reduce((sum, n) => sum + n, 0);
  const detail = [...route.redisCommands].map(([command, n]) => `${command} ${n}`).join(', ');
  const perRequest = route.bffRequests > 0 ? (total / route.bffRequests).toFixed(3) : 'n/a';
  return `${perRequest}${detail ? ` (${detail} over ${route.bffRequests} requests)` : ` (0 over ${route.bffRequests} requests)`}`;
}

function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The benchmark's results as Markdown: setup, throughput table, added latency, Redis, tokens, memory. */
export function toMarkdown(
  config: BenchConfig,
  scenarios: ScenarioResult[],
  startedAt: Date,
): string {
  const cpu = cpus();
  const lines = [
    `# Benchmark ${startedAt.toISOString()}`,
    '',
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; commit ${gitCommit()}.`,
    `Load: autocannon, ${config.connections} connections, ${config.durationSeconds} s per run, ${config.rounds} alternating rounds, ${config.users} users (one JWT each).`,
    `Pinning: ${isPinned() ? 'BFF and baseline on core 0; simulator, Redis and autocannon on core 1' : 'none (taskset unavailable or BENCH_PIN=false)'}.`,
    `BFF: NODE_ENV=production, LOG_LEVEL=${config.logLevel} (one JSON log line per request to /dev/null), Redis token store, warm token${config.nodeFlags.length ? `, node flags ${config.nodeFlags.join(' ')}` : ''}.`,
    '',
    '| upstream latency | route | target | req/s median (each round) | p50 | p99 | ÷ baseline | CPU per request | failures |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...scenarios.flatMap((s) => s.routes.flatMap((r) => throughputRows(s, r))),
    '',
    '| upstream latency | route | rate (½ of BFF max) | p99 BFF | p99 baseline | p99 added | Redis commands per BFF request |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...scenarios.flatMap((s) =>
      s.routes.map((r) => {
        const h = r.halfRate;
        const added = h ? ms(Math.round((h.bff.p99 - h.baseline.p99) * 100) / 100) : 'n/a';
        return `| ${s.latencyMs} ms | ${r.route} | ${h?.rate ?? 'n/a'} req/s | ${h ? ms(h.bff.p99) : 'n/a'} | ${h ? ms(h.baseline.p99) : 'n/a'} | ${added} | ${redisPerRequest(r)} |`;
      }),
    ),
    '',
    ...scenarios.map(
      (s) =>
        `Token requests by the BFF at ${s.latencyMs} ms: ${s.bffTokenRequests} in ${Math.round(s.bffSeconds)} s (token lifetime 600 s).`,
    ),
    ...scenarios
      .filter((s) => s.memory)
      .map((s) => {
        const m = s.memory!;
        const growth = ((m.after100k / m.after10k - 1) * 100).toFixed(1);
        return `BFF resident memory: ${m.after10k.toFixed(1)} MiB after 10k requests, ${m.after100k.toFixed(1)} MiB after 100k (${growth} %).`;
      }),
    '',
  ];
  return lines.join('\n');
}
