import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { isPinned } from './processes';
import { BenchConfig, median, RouteResult, Run, ScenarioResult, Target } from './scenario';

const kib = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} KiB`);
const tenthKib = (value: number | undefined) =>
  value === undefined ? '—' : `${value.toFixed(1)} KiB`;

const ms = (value: number) => `${value} ms`;
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');

/** The median, when every run has the figure. */
function medianOfAll(values: (number | undefined)[]): number | undefined {
  return values.every((value) => value !== undefined) ? median(values) : undefined;
}

function summary(runs: Run[]) {
  return {
    rps: median(runs.map((m) => m.requestsPerSecond)),
    p50: median(runs.map((m) => m.p50)),
    p99: median(runs.map((m) => m.p99)),
    cpu: median(runs.map((m) => m.cpuMicrosPerRequest)),
    allocated: medianOfAll(runs.map((m) => m.allocatedKiBPerRequest)),
    promoted: medianOfAll(runs.map((m) => m.promotedKiBPerRequest)),
    failures: runs.reduce((sum, m) => sum + m.failures, 0),
  };
}

function throughputRows(scenario: ScenarioResult, route: RouteResult): string[] {
  const baseline = summary(route.runs.baseline);
  const targets = (['BFF', 'candidate', 'baseline', 'simulator'] as Target[]).filter(
    (target) => route.runs[target].length > 0,
  );
  return targets.map((target) => {
    const s = summary(route.runs[target]);
    const vsBaseline = target === 'simulator' ? '—' : ratio(s.rps, baseline.rps);
    const each = route.runs[target].map((m) => Math.round(m.requestsPerSecond)).join(' / ');
    return `| ${scenario.latencyMs} ms | ${route.route} | ${target} | ${Math.round(s.rps)} (${each}) | ${ms(s.p50)} | ${ms(s.p99)} | ${vsBaseline} | ${Math.round(s.cpu)} µs | ${kib(s.allocated)} | ${tenthKib(s.promoted)} | ${s.failures} |`;
  });
}

function redisPerRequest(route: RouteResult): string {
  const total = [...route.redisCommands.values()].reduce((sum, n) => sum + n, 0);
  const detail = [...route.redisCommands].map(([command, n]) => `${command} ${n}`).join(', ');
  const perRequest = route.bffRequests > 0 ? (total / route.bffRequests).toFixed(3) : 'n/a';
  return `${perRequest}${detail ? ` (${detail} over ${route.bffRequests} requests)` : ` (0 over ${route.bffRequests} requests)`}`;
}

function candidateLines(config: BenchConfig): string[] {
  const c = config.candidate;
  if (!c) return [];
  const settings = [
    c.checkout && `checkout ${c.checkout} (commit ${gitCommit(c.checkout)})`,
    Object.keys(c.env).length > 0 &&
      `environment ${Object.entries(c.env)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ')}`,
    c.nodeFlags.length > 0 && `node flags ${c.nodeFlags.join(' ')}`,
  ].filter(Boolean);
  return [`Candidate (A/B, same rounds): the BFF with ${settings.join(', ')}.`, ''];
}

/** Candidate ÷ BFF per route: the A/B verdict on CPU and allocation per request. */
function abLines(scenarios: ScenarioResult[]): string[] {
  const lines = scenarios.flatMap((s) =>
    s.routes
      .filter((r) => r.runs.candidate.length > 0)
      .map((r) => {
        const bff = summary(r.runs.BFF);
        const candidate = summary(r.runs.candidate);
        return `| ${s.latencyMs} ms | ${r.route} | ${(candidate.cpu / bff.cpu).toFixed(3)} | ${bff.allocated && candidate.allocated ? ratio(candidate.allocated, bff.allocated) : 'n/a'} | ${ratio(candidate.rps, bff.rps)} |`;
      }),
  );
  if (lines.length === 0) return [];
  return [
    '',
    '| upstream latency | route | candidate ÷ BFF: CPU per request | allocation per request | req/s |',
    '| --- | --- | --- | --- | --- |',
    ...lines,
  ];
}

/**
 * The commit checked out in `checkout`, and whether its files differed from it (results files do
 * not count). The bench reads its own when it starts: later commits do not relabel the run.
 */
export function gitCommit(checkout = '.'): string {
  try {
    const git = (command: string) => execSync(command, { cwd: checkout, encoding: 'utf8' });
    const commit = git('git rev-parse --short HEAD').trim();
    const changes = git('git status --porcelain -- . ":(exclude)bench/results"');
    return changes.trim() === '' ? commit : `${commit} with uncommitted changes`;
  } catch {
    return 'unknown';
  }
}

/** The benchmark's results as Markdown: setup, throughput table, added latency, Redis, tokens, memory. */
export function toMarkdown(
  config: BenchConfig,
  scenarios: ScenarioResult[],
  startedAt: Date,
  commit: string,
): string {
  const cpu = cpus();
  const lines = [
    `# Benchmark ${startedAt.toISOString()}`,
    '',
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; commit ${commit}.`,
    `Load: autocannon, ${config.connections} connections, ${config.durationSeconds} s per run, ${config.rounds} alternating rounds, ${config.users} users (one JWT each).`,
    `Pinning: ${isPinned() ? 'BFF and baseline on core 0; simulator, Redis and autocannon on core 1' : 'none (taskset unavailable or BENCH_PIN=false)'}.`,
    `BFF: NODE_ENV=production, LOG_LEVEL=${config.logLevel} (one JSON log line per request to /dev/null), Redis token store, warm token${config.nodeFlags.length ? `, node flags ${config.nodeFlags.join(' ')}` : ''}.`,
    '',
    ...candidateLines(config),
    '| upstream latency | route | target | req/s median (each round) | p50 | p99 | ÷ baseline | CPU per request | allocated per request | promoted per request | failures |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...scenarios.flatMap((s) => s.routes.flatMap((r) => throughputRows(s, r))),
    '',
    '| upstream latency | route | rate (½ of BFF max) | p99 BFF | p99 baseline | p99 added | Redis commands per BFF request |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...scenarios.flatMap((s) =>
      s.routes.map((r) => {
        const h = r.halfRate;
        const added = h ? ms(Math.round((h.bff.p99 - h.baseline.p99) * 100) / 100) : 'n/a';
        const candidate = h?.candidate ? ` (candidate ${ms(h.candidate.p99)})` : '';
        return `| ${s.latencyMs} ms | ${r.route} | ${h?.rate ?? 'n/a'} req/s | ${h ? ms(h.bff.p99) : 'n/a'}${candidate} | ${h ? ms(h.baseline.p99) : 'n/a'} | ${added} | ${redisPerRequest(r)} |`;
      }),
    ),
    ...abLines(scenarios),
    '',
    ...scenarios.map(
      (s) =>
        `Token requests by the BFF at ${s.latencyMs} ms: ${s.bffTokenRequests} in ${Math.round(s.bffSeconds)} s (token lifetime 600 s).`,
    ),
    ...scenarios
      .filter((s) => s.memory)
      .flatMap((s) =>
        Object.entries(s.memory!).map(([name, m]) => {
          const growth = ((m.after100k / m.after10k - 1) * 100).toFixed(1);
          return `${name} resident memory: ${m.after10k.toFixed(1)} MiB after 10k requests, ${m.after100k.toFixed(1)} MiB after 100k (${growth} %).`;
        }),
      ),
    '',
  ];
  return lines.join('\n');
}
