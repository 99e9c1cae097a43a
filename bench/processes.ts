import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Cores: the service measured on one, the simulator, Redis and the load generator on the other. */
export const SERVICE_CORE = '0';
export const LOAD_CORE = '1';

export interface Child {
  name: string;
  process: ChildProcess;
  stderr: () => string;
}

let pinning = process.env.BENCH_PIN !== 'false';

/** Pins this process (the load generator) to the load core; turns pinning off when taskset is missing. */
export function pinSelf(): void {
  if (!pinning) return;
  const taskset = spawn('taskset', ['-cp', LOAD_CORE, String(process.pid)], { stdio: 'ignore' });
  taskset.on('error', () => (pinning = false));
}

export function isPinned(): boolean {
  return pinning;
}

/** Starts `node <args>` on the given core with exactly `env` (plus PATH), keeping its stderr for errors. */
export function startNode(
  name: string,
  core: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Child {
  const command = pinning ? 'taskset' : process.execPath;
  const argv = pinning ? ['-c', core, process.execPath, ...args] : args;
  const child = spawn(command, argv, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return { name, process: child, stderr: () => stderr };
}

/** Pins an already running process (the test-support redis-server) to a core. */
export function pin(pid: number | undefined, core: string): void {
  if (pinning && pid) spawn('taskset', ['-cp', core, String(pid)], { stdio: 'ignore' });
}

/** Polls `url` until it answers at all, or fails with the child's stderr. */
export async function waitUntilAnswering(
  child: Child,
  url: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) break;
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${child.name} did not start:\n${child.stderr()}`);
}

/** SIGTERM and wait for the exit (the BFF writes its CPU profile on exit). */
export async function stop(child: Child): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (proc.exitCode === null) proc.kill('SIGKILL');
}

/** Resident memory of a process in MiB (Linux /proc). The node process is a child of taskset's exec, same pid. */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) / 1024 : NaN;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** The BFF's `node` flags: BENCH_NODE_FLAGS (space-separated, empty for none), else the image's. */
export function bffNodeFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? productionNodeFlags().join(' '))
    .split(' ')
    .filter(Boolean);
}

/** The `node` flags the image starts the service with (the Dockerfile's CMD): the bench runs it so. */
function productionNodeFlags(): string[] {
  const dockerfile = readFileSync(`${process.cwd()}/Dockerfile`, 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  const argv = cmd ? (JSON.parse(cmd) as string[]) : [];
  return argv.filter((arg) => arg.startsWith('--'));
}
