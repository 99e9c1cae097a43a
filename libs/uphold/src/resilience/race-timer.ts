/**
 * `work`, or `onExpiry()` thrown when `ms` pass first (work itself goes on); the timer is always
 * cleared. One promise and two reactions, without `Promise.race` and an async frame: every Redis
 * command of a request goes through here.
 */
export function raceTimer<T>(work: Promise<T>, ms: number, onExpiry: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onExpiry()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the work's own reason, unchanged
        reject(error);
      },
    );
  });
}
