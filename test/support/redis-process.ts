import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory of the test's own, removed by `removeTempDir`. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `bff-${prefix}-`));
}

export function removeTempDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/**
 * One redis-server (or sentinel) process: started with `args`, considered up once its log
 * shows `readyLine`; killed (SIGKILL) by `stop`, started again with the same args by `start`.
 */
export class RedisProcess {
  private child?: ChildProcess;

  constructor(
    private readonly args: string[],
    private readonly readyLine: RegExp = /Ready to accept connections/,
  ) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const child = spawn('redis-server', this.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let log = '';
    let up = false;
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`redis-server ${this.args.join(' ')} exited with ${code}:\n${log}`));
      child.once('error', reject);
      child.once('exit', onExit);
      const watch = (chunk: Buffer) => {
        if (up) return; // keeps draining the pipe
        log += chunk.toString();
        if (this.readyLine.test(log)) {
          up = true;
          child.off('exit', onExit);
          resolve();
        }
      };
      child.stdout?.on('data', watch);
      child.stderr?.on('data', watch);
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }
}
