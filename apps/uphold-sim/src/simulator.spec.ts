import { request } from 'node:http';
import {
  fetchToken,
  getKyc,
  requestToken,
  sendJsonTo,
  startSimulator,
  validIdentity,
} from '../test/sim-test-kit';
import { UpholdSimulator } from './simulator';

describe('UpholdSimulator', () => {
  let simulator: UpholdSimulator;
  afterEach(() => simulator.stop());

  it('puts a fresh X-Uphold-Request-Id and a JSON content type on every answer', async () => {
    simulator = await startSimulator();
    const token = await fetchToken(simulator);
    const answers = [
      await requestToken(simulator),
      await requestToken(simulator, 'Basic eDp5'),
      await getKyc(simulator, token),
      await getKyc(simulator, 'bad'),
      await sendJsonTo(simulator, 'PATCH', '/core/kyc/processes/identity', token, validIdentity()),
      await sendJsonTo(simulator, 'PATCH', '/core/kyc/processes/identity', token, {}),
      await sendJsonTo(simulator, 'POST', '/core/files', token, {
        category: 'video',
        contentType: 'video/mp4',
      }),
      await fetch(`${simulator.url}/nowhere`),
      await fetch(`${simulator.url}/__sim/stats`),
    ];
    const ids = answers.map((answer) => answer.headers.get('x-uphold-request-id'));
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(answers.every((a) => a.headers.get('content-type') === 'application/json')).toBe(true);
  });

  it('answers 404 not_found to an unknown route and records it', async () => {
    simulator = await startSimulator();
    const response = await fetch(`${simulator.url}/core/users?x=1&x=2`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
    expect(simulator.requests).toEqual([
      {
        method: 'GET',
        path: '/core/users',
        query: { x: ['1', '2'] },
        headers: expect.any(Object),
        body: undefined,
      },
    ]);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    simulator = await startSimulator();
    const token = await fetchToken(simulator);
    const response = await sendJsonTo(simulator, 'PATCH', '/core/kyc/processes/identity', token, {
      padding: 'x'.repeat(1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it('keeps only counters when recordRequests is false', async () => {
    simulator = await startSimulator({ recordRequests: false });
    await getKyc(simulator, await fetchToken(simulator));
    expect(simulator.requests).toEqual([]);
    expect(simulator.stats()).toEqual({
      tokenRequests: 1,
      requests: { token: 1, getKyc: 1, patchIdentity: 0, createFile: 0, upload: 0 },
    });
  });

  it('serves several requests over one keep-alive connection and stop() closes it', async () => {
    simulator = await startSimulator();
    const { port } = new URL(simulator.url);
    const agentSockets = new Set<unknown>();
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/nowhere', headers: { connection: 'keep-alive' } },
          (res) => {
            agentSockets.add(res.socket);
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await get()).toBe(404);
    expect(await get()).toBe(404);
    expect(agentSockets.size).toBe(1);
    await simulator.stop();
    await expect(fetch(`http://127.0.0.1:${port}/nowhere`)).rejects.toThrow();
  });

  it('tells that it is not started, and can start again after stop', async () => {
    simulator = new UpholdSimulator({ clientId: 'a', clientSecret: 'b' });
    expect(() => simulator.url).toThrow('not started');
    const first = await simulator.start();
    await simulator.stop();
    expect(await simulator.start()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
