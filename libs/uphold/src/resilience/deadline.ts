import { raceTimer } from './race-timer';

/** One overall time budget for an operation and all of its retries. */
export class Deadline {
  private readonly endsAt: number;

  constructor(budgetMs: number) {
    this.endsAt = Date.now() + budgetMs;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  /** Whether waiting `ms` still leaves `reserveMs` for one more attempt. */
  allows(ms: number, reserveMs: number): boolean {
    return Date.now() + ms + reserveMs < this.endsAt;
  }

  /** `work`, or `onExpiry()` thrown when the budget runs out first (work itself goes on). */
  race<T>(work: Promise<T>, onExpiry: () => Error): Promise<T> {
    return raceTimer(work, this.remainingMs(), onExpiry);
  }
}
