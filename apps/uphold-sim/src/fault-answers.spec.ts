import { fetchToken, getKyc, requestToken, startSimulator } from '../test/sim-test-kit';
import type { UpholdSimulator } from './simulator';

describe('faults', () => {
  let simulator: UpholdSimulator;
  let token: string;
  beforeEach(async () => {
    simulator = await startSimulator();
    token = await fetchToken(simulator);
  });
  afterEach(() => simulator.stop());

  it('a status fault with times applies to that many requests of the route, then normal answers resume', async () => {
    simulator.setFault('getKyc', { status: 503, times: 2, headers: { 'X-Trace': 'sim' } });
    const first = await getKyc(simulator, token);
    expect(first.status).toBe(503);
    expect(first.headers.get('x-trace')).toBe('sim');
    expect(await first.json()).toEqual({
      code: 'service_unavailable',
      message: expect.any(String),
    });
    expect((await requestToken(simulator)).status).toBe(200); // other routes are untouched
    expect((await getKyc(simulator, token)).status).toBe(503);
    expect((await getKyc(simulator, token)).status).toBe(200);
  });

  it('a status fault sends the exact body given, applies before auth, and a 429 carries Retry-After', async () => {
    simulator.setFault('getKyc', { status: 429, body: { code: 'too_many_requests', detail: 1 } });
    const response = await getKyc(simulator, 'not-a-token');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({ code: 'too_many_requests', detail: 1 });
    simulator.clearFaults();
    expect((await getKyc(simulator, token)).status).toBe(200);
  });

  it('hang never answers: the client gives up, and stop() still resolves quickly', async () => {
    simulator.setFault('getKyc', { hang: true });
    const aborted = getKyc(simulator, token);
    await expect(
      fetch(`${simulator.url}/core/kyc`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    const started = Date.now();
    await simulator.stop();
    expect(Date.now() - started).toBeLessThan(500);
    await expect(aborted).rejects.toThrow(); // a still-waiting client sees its socket closed
  });

  it('malformed answers 200 application/json with a body that is not JSON', async () => {
    simulator.setFault('patchIdentity', { malformed: true, times: 1 });
    const response = await fetch(`${simulator.url}/core/kyc/processes/identity`, {
      method: 'PATCH',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-uphold-request-id')).toBeTruthy();
    await expect(response.json()).rejects.toMatchObject({ name: 'SyntaxError' }); // another realm's SyntaxError
  });

  it('destroy drops the socket without an answer', async () => {
    simulator.setFault('token', { destroy: true, times: 1 });
    await expect(requestToken(simulator)).rejects.toThrow('fetch failed');
    expect(simulator.tokenRequestCount()).toBe(2);
    expect((await requestToken(simulator)).status).toBe(200);
  });

  it('fault latency and the global latencyMs delay the answer', async () => {
    simulator.latencyMs = 100;
    simulator.setFault('getKyc', { latencyMs: 100 });
    const started = Date.now();
    expect((await getKyc(simulator, token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
