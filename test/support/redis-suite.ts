import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { Env, startBff, StartOptions, startSimulator, testEnv, TestBff } from './bff';
import { TestRedis } from './redis-server';

export interface RedisSuite {
  sim: UpholdSimulator;
  redis: TestRedis;
  /** A BFF on the suite's Redis (env overrides win), closed after the test. */
  startBffOnRedis(overrides?: Env): Promise<TestBff>;
  /** Closes one of them early (e.g. to watch its connections go). */
  closeBff(bff: TestBff): Promise<void>;
}

/**
 * The simulator and a test Redis for the whole suite; before each test a running, empty Redis and
 * a reset simulator; after it, every BFF the test started is closed. `options` apply to every BFF.
 */
export function useSimulatorAndRedis(options: StartOptions = {}): RedisSuite {
  const running: TestBff[] = [];
  const suite = {
    async startBffOnRedis(overrides: Env = {}) {
      const bff = await startBff(
        testEnv(suite.sim.url, { REDIS_URL: suite.redis.url, ...overrides }),
        options,
      );
      running.push(bff);
      return bff;
    },
    async closeBff(bff: TestBff) {
      running.splice(running.indexOf(bff), 1);
      await bff.close();
    },
  } as RedisSuite;
  beforeAll(async () => {
    [suite.sim, suite.redis] = await Promise.all([startSimulator(), TestRedis.start()]);
  });
  afterAll(async () => {
    await suite.sim?.stop();
    await suite.redis?.stop();
  });
  beforeEach(async () => {
    suite.sim.reset();
    await suite.redis.restart(); // a no-op when it is running
    await suite.redis.flush();
  });
  afterEach(async () => {
    suite.redis.resume(); // in case a test paused it
    await Promise.all(running.splice(0).map((bff) => bff.close()));
  });
  return suite;
}
