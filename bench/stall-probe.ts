/**
 * Preloaded into the BFF by `npm run bench:tail` (`node --require …/stall-probe.js`) when
 * BENCH_STALL_LOG names a file: appends a line for every event-loop gap over 25 ms, with the CPU
 * time the whole process (all its threads) used over the gap, and for every GC pause over 5 ms.
 * Times are wall-clock milliseconds, so they line up with the load generator's.
 */
import { appendFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.BENCH_STALL_LOG;
const TICK_MS = 5;
const GAP_MS = 25;
const PAUSE_MS = 5;

if (file) {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    if (now - last > GAP_MS) {
      const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
      appendFileSync(file, `stall ${Date.now()} ${(now - last).toFixed(1)} ${cpuMs.toFixed(1)}\n`);
    }
    last = now;
    lastCpu = cpu;
  }, TICK_MS).unref();

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= PAUSE_MS) continue;
      const endedAt = Math.round(performance.timeOrigin + entry.startTime + entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind ?? 0;
      appendFileSync(file, `gc ${endedAt} ${entry.duration.toFixed(1)} ${kind}\n`);
    }
  }).observe({ entryTypes: ['gc'] });
}
