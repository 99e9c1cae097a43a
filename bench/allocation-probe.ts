/**
 * Preloaded into the measured service (`node --require …/allocation-probe.js`): counts the bytes the
 * JavaScript heap allocated, from V8's own GC records (`v8.GCProfiler`): what each collection freed
 * plus what the heap holds now; and the bytes scavenges promoted (moved to the old generation,
 * where only a mark-compact frees them). On SIGUSR2 it writes
 * `<sequence> <allocated since start> <promoted since start>` to the file named by
 * BENCH_ALLOCATION_FILE; the bench reads it before and after a run.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** What GCProfiler really reports per collection (camelCase, unlike v8.getHeapStatistics()). */
interface HeapState {
  heapStatistics: { usedHeapSize: number };
  heapSpaceStatistics: { spaceName: string; spaceUsedSize: number }[];
}
interface CollectionRecord {
  gcType: string;
  beforeGC: HeapState;
  afterGC: HeapState;
}

/** Where a scavenge puts what it promotes: small objects, and large ones. */
const OLD_GENERATION = new Set(['old_space', 'large_object_space']);

function oldGenerationBytes({ heapSpaceStatistics }: HeapState): number {
  let bytes = 0;
  for (const space of heapSpaceStatistics) {
    if (OLD_GENERATION.has(space.spaceName)) bytes += space.spaceUsedSize;
  }
  return bytes;
}

const file = process.env.BENCH_ALLOCATION_FILE;

if (file) {
  let profiler = new GCProfiler();
  profiler.start();
  const usedAtStart = getHeapStatistics().used_heap_size;
  let freedSoFar = 0;
  let promotedSoFar = 0;
  let sequence = 0;
  process.on('SIGUSR2', () => {
    const records = profiler.stop().statistics as unknown as CollectionRecord[];
    for (const { gcType, beforeGC, afterGC } of records) {
      freedSoFar += beforeGC.heapStatistics.usedHeapSize - afterGC.heapStatistics.usedHeapSize;
      // a scavenge frees nothing in the old generation: what it grew by is what was promoted
      if (gcType === 'Scavenge')
        promotedSoFar += oldGenerationBytes(afterGC) - oldGenerationBytes(beforeGC);
    }
    profiler = new GCProfiler();
    profiler.start();
    const allocated = freedSoFar + getHeapStatistics().used_heap_size - usedAtStart;
    sequence += 1;
    writeFileSync(file, `${sequence} ${allocated} ${promotedSoFar}`);
  });
}

/**
 * BENCH_ALLOCATION_PROFILE names a file: where allocations happen, sampled over the whole run with
 * the objects garbage collection took kept in (unlike `--heap-prof`), written when the process exits.
 */
const profileFile = process.env.BENCH_ALLOCATION_PROFILE;

if (profileFile) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  // an in-process session answers synchronously, so this still runs at exit
  process.on('exit', () =>
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (!error) writeFileSync(profileFile, JSON.stringify(result.profile));
    }),
  );
}
