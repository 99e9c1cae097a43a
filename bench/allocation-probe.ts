/**
 * Preloaded into the measured service (`node --require …/allocation-probe.js`): counts the bytes the
 * JavaScript heap allocated, from V8's own GC records (`v8.GCProfiler`): what each collection freed
 * plus what the heap holds now. On SIGUSR2 it writes `<sequence> <bytes since start>` to the file
 * named by BENCH_ALLOCATION_FILE; the bench reads it before and after a run.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { GCProfiler, getHeapStatistics } from 'node:v8';

/** What GCProfiler really reports per collection (camelCase, unlike v8.getHeapStatistics()). */
interface CollectionRecord {
  beforeGC: { heapStatistics: { usedHeapSize: number } };
  afterGC: { heapStatistics: { usedHeapSize: number } };
}

const file = process.env.BENCH_ALLOCATION_FILE;

if (file) {
  let profiler = new GCProfiler();
  profiler.start();
  const usedAtStart = getHeapStatistics().used_heap_size;
  let freedSoFar = 0;
  let sequence = 0;
  process.on('SIGUSR2', () => {
    const records = profiler.stop().statistics as unknown as CollectionRecord[];
    for (const { beforeGC, afterGC } of records) {
      freedSoFar += beforeGC.heapStatistics.usedHeapSize - afterGC.heapStatistics.usedHeapSize;
    }
    profiler = new GCProfiler();
    profiler.start();
    const allocated = freedSoFar + getHeapStatistics().used_heap_size - usedAtStart;
    sequence += 1;
    writeFileSync(file, `${sequence} ${allocated}`);
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
