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
  async race<T>(work: Promise<T>, onExpiry: () => Error): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(onExpiry()), this.remainingMs());
    });
    try {
      return await Promise.race([work, expiry]);
    } finally {
      clearTimeout(timer);
    }
  }
}
