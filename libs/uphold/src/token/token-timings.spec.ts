import { tokenTimings } from './token-timings';

describe('tokenTimings', () => {
  it('keeps the lock longer than the holder can take: the longest fetch, its store commands and a margin', () => {
    const timings = tokenTimings(10_000, 250);
    expect(timings.lockTtlMs).toBe(10_000 + 3 * 250 + 1_000);
  });

  it('covers the longest allowed upstream timeout (120 s)', () => {
    expect(tokenTimings(120_000, 250).lockTtlMs).toBeGreaterThan(120_000 + 3 * 250);
  });

  it('lets a waiting replica wait as long as the lock may be held, polling briefly', () => {
    const timings = tokenTimings(10_000, 250);
    expect(timings.lockWaitMs).toBe(timings.lockTtlMs);
    expect(timings.lockPollMs).toBe(25);
    expect(timings.refreshRetryMs).toBe(5_000);
  });
});
