/** `work`, or `onExpiry()` thrown when `ms` pass first (work itself goes on); the timer is always cleared. */
export async function raceTimer<T>(
  work: Promise<T>,
  ms: number,
  onExpiry: () => Error,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onExpiry()), ms);
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
