import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** These run the built service (`npm test` builds first), exactly as `npm run start:prod` and `npm run local` do. */
export const DIST = join(__dirname, '..', '..', 'dist', 'apps', 'identity-bff', 'src');

export interface Run {
  child: ChildProcess;
  output: () => string;
}

/** Runs a built script of the BFF (`-e` runs `args` as code instead). */
export function run(
  script: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
): Run {
  const entry = script === '-e' ? '-e' : join(DIST, script);
  const child = spawn(process.execPath, [entry, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export async function waitFor(
  run: Run,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = run.output().match(pattern);
    if (match) return match;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${pattern}:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function stop(run: Run): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  run.child.kill('SIGTERM');
  const [code] = (await once(run.child, 'exit')) as [number | null];
  return code;
}
