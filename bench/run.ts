import { mkdirSync, writeFileSync } from 'node:fs';
import { Route } from './load';
import { bffNodeFlags, pinSelf } from './processes';
import { gitCommit, toMarkdown } from './report';
import { BenchConfig, CandidateConfig, runScenario, ScenarioResult } from './scenario';

function listOf(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function integer(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer`);
  return value;
}

/** `npm run bench`: every knob is an environment variable with the default the README documents. */
function configFromEnv(): BenchConfig {
  return {
    durationSeconds: integer('BENCH_DURATION', 10),
    rounds: integer('BENCH_ROUNDS', 3),
    connections: integer('BENCH_CONNECTIONS', 32),
    users: integer('BENCH_USERS', 100),
    routes: listOf('BENCH_ROUTES', 'PATCH,GET') as Route[],
    latencies: listOf('BENCH_LATENCIES', '0,20').map(Number),
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    nodeFlags: bffNodeFlags(),
    memory: process.env.BENCH_MEMORY !== 'false',
    cpuProfileDir: process.env.BENCH_CPU_PROF || undefined,
    allocationProfileDir: process.env.BENCH_HEAP_PROF || undefined,
    candidate: candidateFromEnv(),
  };
}

/** `BENCH_CANDIDATE_*`: a second BFF, measured in the same rounds, when any of them is set. */
function candidateFromEnv(): CandidateConfig | undefined {
  const checkout = process.env.BENCH_CANDIDATE_CHECKOUT || undefined;
  const env = Object.fromEntries(
    listOf('BENCH_CANDIDATE_ENV', '').map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 1) throw new Error(`BENCH_CANDIDATE_ENV: "${pair}" is not NAME=value`);
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
  const nodeFlags = (process.env.BENCH_CANDIDATE_FLAGS ?? '').split(' ').filter(Boolean);
  if (!checkout && Object.keys(env).length === 0 && nodeFlags.length === 0) return undefined;
  return { checkout, env, nodeFlags };
}

async function main(): Promise<void> {
  const config = configFromEnv();
  const startedAt = new Date();
  const commit = gitCommit();
  pinSelf();
  const scenarios: ScenarioResult[] = [];
  for (const latencyMs of config.latencies) {
    scenarios.push(
      await runScenario(
        { ...config, memory: config.memory && latencyMs === config.latencies[0] },
        latencyMs,
      ),
    );
  }
  const markdown = toMarkdown(config, scenarios, startedAt, commit);
  const directory = `${process.cwd()}/bench/results`;
  mkdirSync(directory, { recursive: true });
  const file = `${directory}/${startedAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z')}.md`;
  writeFileSync(file, markdown);
  process.stdout.write(`\n${markdown}\nWritten to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
