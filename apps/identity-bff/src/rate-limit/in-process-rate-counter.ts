import { ThrottlerStorage } from '@nestjs/throttler';
import { RateRecord, windowRecord } from './rate-window';

interface Window {
  hits: number;
  endsAt: number;
}

/** How often windows that have ended are dropped, so idle users do not hold memory. */
const SWEEP_EVERY_MS = 60_000;

/**
 * Fixed-window counts in this process: O(1) per request whatever the limit (the throttler's own
 * store keeps one timestamp per hit, which grows with the limit), and no timer to stop.
 */
export class InProcessRateCounter implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = Date.now() + SWEEP_EVERY_MS;

  increment(key: string, ttlMs: number, limit: number): Promise<RateRecord> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.sweep(now);
      window = { hits: 0, endsAt: now + ttlMs };
      this.windows.set(key, window);
    }
    window.hits++;
    return Promise.resolve(windowRecord(window.hits, window.endsAt - now, limit));
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_EVERY_MS;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
