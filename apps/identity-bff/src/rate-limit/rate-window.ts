import { ThrottlerStorage } from '@nestjs/throttler';

/** What a ThrottlerStorage answers (the package does not export the type). */
export type RateRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A fixed window's count as the throttler guard reads it: over the limit, blocked until it ends. */
export function windowRecord(hits: number, remainingMs: number, limit: number): RateRecord {
  const secondsLeft = Math.max(1, Math.ceil(remainingMs / 1000));
  const isBlocked = hits > limit;
  return {
    totalHits: hits,
    timeToExpire: secondsLeft,
    isBlocked,
    timeToBlockExpire: isBlocked ? secondsLeft : 0,
  };
}
