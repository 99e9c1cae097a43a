import { once } from 'node:events';
import { join } from 'node:path';
import { UpholdSimulator } from '../../apps/uphold-sim/src';
import { startSimulator, testEnv } from '../support/bff';
import { DIST, run, Run, waitFor } from '../support/built-service';
import { freePort } from '../support/free-port';
import { TestRedis } from '../support/redis-server';
import { callBff, sleep, until } from './fault-kit';

const DRAIN_DELAY_MS = 600;
const IN_FLIGHT_MS = 1_500;

let sim: UpholdSimulator;
let redis: TestRedis;
let service: Run | undefined;

beforeAll(async () => {
  [sim, redis] = await Promise.all([startSimulator(), TestRedis.start()]);
});
afterAll(async () => {
  if (service?.child.exitCode === null) service.child.kill('SIGKILL');
  await sim.stop();
  await redis.stop();
});

async function connectedClients(): Promise<number> {
  const list = await redis.inspect((client) => client.clientList());
  return list.length - 1; // without the inspecting client itself
}

describe('process lifecycle', () => {
  it('on SIGTERM: readiness goes false, then it stops accepting, finishes the request in flight, closes Redis and exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    service = run('main.js', {
      ...testEnv(sim.url),
      PORT: String(port),
      REDIS_URL: redis.url,
      SHUTDOWN_DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
    });
    await waitFor(service, /Nest application successfully started/);
    expect((await callBff(url)).status).toBe(200);
    expect(await connectedClients()).toBe(1); // one connection, shared by the token store and the rate limits

    sim.setFault('getKyc', { latencyMs: IN_FLIGHT_MS, times: 1 });
    const inFlight = callBff(url);
    await until(() => sim.requestsTo('getKyc').length === 2);
    const exited = once(service.child, 'exit');
    service.child.kill('SIGTERM');

    await sleep(100); // within the drain delay: still accepting, but no longer ready
    expect((await fetch(`${url}/health/ready`)).status).toBe(503);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);

    await sleep(DRAIN_DELAY_MS); // past it: new connections are refused
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();

    expect((await inFlight).status).toBe(200);
    const [code] = (await exited) as [number];
    expect(code).toBe(0);
    expect(await connectedClients()).toBe(0);
  });

  it('logs an unhandled promise rejection and keeps running', async () => {
    const module = join(DIST, 'common', 'graceful-shutdown.js');
    const script = [
      `require(${JSON.stringify(module)}).logUnhandledRejections();`,
      "Promise.reject(new Error('stray'));",
      "setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);",
    ].join('\n');
    const probe = run('-e', {}, [script]);
    const [code] = (await once(probe.child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(probe.output()).toContain('unhandled promise rejection (kept running): Error: stray');
    expect(probe.output()).toContain('still serving');
  });
});
