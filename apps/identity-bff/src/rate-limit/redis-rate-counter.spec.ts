import { RedisClient } from '@app/uphold';
import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { RateLimitMetrics } from '../metrics/rate-limit.metrics';
import { InProcessRateCounter } from './in-process-rate-counter';
import { RedisRateCounter } from './redis-rate-counter';

/** A node-redis stand-in whose EVAL answers with `reply` (a promise: resolved, rejected, or never). */
function clientAnswering(reply: () => Promise<unknown>): RedisClient {
  return { eval: reply } as unknown as RedisClient;
}

function counterOn(client: RedisClient) {
  const fallback = new InProcessRateCounter();
  const counter = new RedisRateCounter(client, 50, fallback, new RateLimitMetrics(new Registry()));
  return { counter, fallback };
}

const count = (counter: RedisRateCounter) =>
  counter.increment('writes:user', 60_000, 1, 60_000, 'writes');

describe('RedisRateCounter', () => {
  afterEach(() => jest.restoreAllMocks());

  it("reads the window's hits and remaining time from Redis's answer", async () => {
    const { counter } = counterOn(clientAnswering(() => Promise.resolve([2, 30_500])));
    expect(await count(counter)).toEqual({
      totalHits: 2,
      timeToExpire: 31,
      isBlocked: true,
      timeToBlockExpire: 31,
    });
  });

  it('counts in process when Redis fails, warning once rather than per request', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { counter } = counterOn(clientAnswering(() => Promise.reject(new Error('offline'))));
    expect(await count(counter)).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await count(counter)).toMatchObject({ totalHits: 2, isBlocked: true });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('counts in process when Redis does not answer within the command timeout', async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { counter } = counterOn(clientAnswering(() => new Promise(() => undefined)));
    expect(await count(counter)).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
