import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Bytes a probed service (bench/allocation-probe.ts) has allocated so far: signals it, waits for its answer. */
export async function allocatedBytes(pid: number, file: string): Promise<number> {
  const previous = readSequence(file);
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 5_000; waited += 10) {
    const [sequence, bytes] = readAnswer(file);
    if (sequence > previous) return bytes;
    await sleep(10);
  }
  throw new Error(`the allocation probe of process ${pid} did not answer`);
}

function readSequence(file: string): number {
  return readAnswer(file)[0];
}

function readAnswer(file: string): [number, number] {
  try {
    const [sequence, bytes] = readFileSync(file, 'utf8').split(' ').map(Number);
    return Number.isFinite(sequence) && Number.isFinite(bytes) ? [sequence, bytes] : [0, 0];
  } catch {
    return [0, 0];
  }
}
