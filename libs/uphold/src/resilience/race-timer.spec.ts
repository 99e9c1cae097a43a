import { raceTimer } from './race-timer';

const expired = () => new Error('expired');

/** A promise settled from outside. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('raceTimer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("gives the work's answer when it comes first, and clears its timer", async () => {
    const work = pending<string>();
    const raced = raceTimer(work.promise, 1_000, expired);
    expect(jest.getTimerCount()).toBe(1);
    work.resolve('done');
    await expect(raced).resolves.toBe('done');
    expect(jest.getTimerCount()).toBe(0);
  });

  it("throws the work's own error when it fails first, and clears its timer", async () => {
    const work = pending<string>();
    const raced = raceTimer(work.promise, 1_000, expired);
    const failure = new Error('refused');
    work.reject(failure);
    await expect(raced).rejects.toBe(failure);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('throws the expiry error once the time passes first; the late work changes nothing', async () => {
    const work = pending<string>();
    const raced = raceTimer(work.promise, 1_000, expired);
    jest.advanceTimersByTime(999);
    const outcome = raced.then(
      () => 'answered',
      (error: Error) => error.message,
    );
    jest.advanceTimersByTime(1);
    await expect(outcome).resolves.toBe('expired');
    work.reject(new Error('too late'));
    await expect(raced).rejects.toThrow('expired');
  });
});
