import { backoffMs } from './backoff';

const policy = { attempts: 3, baseMs: 100, maxMs: 1_000 };

describe('backoffMs', () => {
  it('grows exponentially, between half and all of each step', () => {
    for (let i = 0; i < 200; i++) {
      expect(backoffMs(1, policy)).toBeGreaterThanOrEqual(50);
      expect(backoffMs(1, policy)).toBeLessThanOrEqual(100);
      expect(backoffMs(3, policy)).toBeGreaterThanOrEqual(200);
      expect(backoffMs(3, policy)).toBeLessThanOrEqual(400);
    }
  });

  it('is jittered: retries of many clients do not fire together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffMs(2, policy)));
    expect(delays.size).toBeGreaterThan(40);
  });

  it('is capped at maxMs', () => {
    expect(backoffMs(10, policy)).toBeLessThanOrEqual(1_000);
  });

  it("never waits less than the server's Retry-After", () => {
    expect(backoffMs(1, policy, 3)).toBe(3_000);
  });
});
