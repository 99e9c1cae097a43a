import { InProcessRateCounter } from './in-process-rate-counter';

describe('InProcessRateCounter', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const count = (counter: InProcessRateCounter, key = 'writes:user-a') =>
    counter.increment(key, 60_000, 2);

  it('allows the limit, then blocks until the window ends, saying how long in seconds', async () => {
    const counter = new InProcessRateCounter();
    expect((await count(counter)).isBlocked).toBe(false);
    jest.advanceTimersByTime(10_500);
    expect((await count(counter)).isBlocked).toBe(false);
    const third = await count(counter);
    expect(third).toEqual({
      totalHits: 3,
      timeToExpire: 50,
      isBlocked: true,
      timeToBlockExpire: 50,
    });
  });

  it('starts a new window once the last one ended', async () => {
    const counter = new InProcessRateCounter();
    for (let i = 0; i < 3; i++) await count(counter);
    jest.advanceTimersByTime(60_000);
    expect(await count(counter)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts each key apart', async () => {
    const counter = new InProcessRateCounter();
    for (let i = 0; i < 3; i++) await count(counter, 'reads:user-a');
    expect(await count(counter, 'reads:user-b')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
