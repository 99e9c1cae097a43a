import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Bytes a probed service's heap has allocated, and its scavenges promoted, since it started. */
export interface HeapCounts {
  allocated: number;
  promoted: number;
}

/** What a probed service (bench/allocation-probe.ts) has counted so far: signals it, waits for its answer. */
export async function heapCounts(pid: number, file: string): Promise<HeapCounts> {
  const previous = readAnswer(file).sequence;
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 5_000; waited += 10) {
    const { sequence, counts } = readAnswer(file);
    if (sequence > previous) return counts;
    await sleep(10);
  }
  throw new Error(`the allocation probe of process ${pid} did not answer`);
}

function readAnswer(file: string): { sequence: number; counts: HeapCounts } {
  try {
    const [sequence, allocated, promoted] = readFileSync(file, 'utf8').split(' ').map(Number);
    if ([sequence, allocated, promoted].every(Number.isFinite)) {
      return { sequence, counts: { allocated, promoted } };
    }
  } catch {
    // not written yet
  }
  return { sequence: 0, counts: { allocated: 0, promoted: 0 } };
}
