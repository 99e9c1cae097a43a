import {
  createSlot,
  EXAMPLE_FILE_ID,
  fetchToken,
  getKyc,
  requestToken,
  startSimulator,
  upload,
  USER_ID,
} from '../test/sim-test-kit';
import type { UpholdSimulator } from './simulator';

describe('admin API under /__sim', () => {
  let simulator: UpholdSimulator;
  beforeEach(async () => {
    simulator = await startSimulator();
  });
  afterEach(() => simulator.stop());

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${simulator.url}/__sim/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('sets a fault that the route then plays, and reports stats without recording itself', async () => {
    const set = await admin('POST', 'faults', { route: 'getKyc', status: 502, times: 1 });
    expect(set.status).toBe(200);
    const token = await fetchToken(simulator);
    expect((await getKyc(simulator, token)).status).toBe(502);
    expect((await getKyc(simulator, token)).status).toBe(200);

    const stats = await admin('GET', 'stats');
    expect(await stats.json()).toEqual({
      tokenRequests: 1,
      requests: { token: 1, getKyc: 2, patchIdentity: 0, createFile: 0, upload: 0 },
    });
    expect(simulator.requests.map((r) => r.path)).toEqual([
      '/core/oauth2/token',
      '/core/kyc',
      '/core/kyc',
    ]);
  });

  it('lists the files with their status, pending then uploaded', async () => {
    const token = await fetchToken(simulator);
    const slot = await createSlot(simulator, token);
    const listed = async () =>
      ((await (await admin('GET', 'files')).json()) as { files: unknown[] }).files;
    expect(await listed()).toEqual(
      expect.arrayContaining([
        { id: EXAMPLE_FILE_ID, status: 'uploaded' },
        {
          id: slot.id,
          ownerId: USER_ID,
          category: 'image',
          contentType: 'image/png',
          status: 'pending',
        },
      ]),
    );
    await upload(slot, 'abc');
    expect(await listed()).toContainEqual(
      expect.objectContaining({ id: slot.id, status: 'uploaded', size: 3 }),
    );
  });

  it('rejects an unknown route or a malformed fault with 400', async () => {
    expect((await admin('POST', 'faults', { route: 'download', status: 500 })).status).toBe(400);
    const bad = await admin('POST', 'faults', {
      route: 'token',
      status: 99,
      hang: 'yes',
      sloow: 1,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(
      /status.*sloow|sloow.*status/s,
    );
  });

  it('drives rejections, revocation, token lifetime, latency, outcome, fault clearing and reset', async () => {
    const token = await fetchToken(simulator);
    expect((await admin('POST', 'reject-next-api-calls', { n: 1 })).status).toBe(200);
    expect((await getKyc(simulator, token)).status).toBe(401);
    expect((await admin('POST', 'revoke-tokens')).status).toBe(200);
    expect(await (await getKyc(simulator, token)).json()).toMatchObject({ code: 'token_revoked' });
    expect((await admin('POST', 'token-lifetime', { seconds: 5 })).status).toBe(200);
    expect(await (await requestToken(simulator)).json()).toMatchObject({ expires_in: 5 });
    expect((await admin('POST', 'latency', { ms: 5 })).status).toBe(200);
    expect(simulator.latencyMs).toBe(5);
    expect(
      (await admin('POST', 'identity-outcome', { status: 'failed', reason: 'fraud' })).status,
    ).toBe(200);
    expect((await admin('POST', 'faults', { route: 'token', destroy: true })).status).toBe(200);
    expect((await admin('DELETE', 'faults')).status).toBe(200);
    expect((await admin('POST', 'reset')).status).toBe(200);
    expect(simulator.latencyMs).toBe(0);
    expect(simulator.requests).toEqual([]);
    expect((await getKyc(simulator, token)).status).toBe(200); // revocation forgotten
    expect((await admin('POST', 'latency', { ms: -1 })).status).toBe(400);
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });
});
