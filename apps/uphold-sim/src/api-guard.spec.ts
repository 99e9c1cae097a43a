import { apiHeaders, fetchToken, getKyc, startSimulator, USER_ID } from '../test/sim-test-kit';
import type { UpholdSimulator } from './simulator';

describe('authentication of API calls', () => {
  let simulator: UpholdSimulator;
  let token: string;
  beforeEach(async () => {
    simulator = await startSimulator();
    token = await fetchToken(simulator);
  });
  afterEach(() => simulator.stop());

  it('answers 401 token_invalid for an unknown or missing bearer token', async () => {
    const unknown = await getKyc(simulator, 'a.b.c');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'token_invalid' });
    const missing = await fetch(`${simulator.url}/core/kyc`, {
      headers: { 'x-on-behalf-of': `user ${USER_ID}` },
    });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'token_invalid' });
  });

  it('answers 401 token_revoked for every token issued before revokeIssuedTokens, not after', async () => {
    simulator.revokeIssuedTokens();
    const revoked = await getKyc(simulator, token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: 'token_revoked' });
    expect((await getKyc(simulator, await fetchToken(simulator))).status).toBe(200);
  });

  it('rejectNextApiCalls(n) answers 401 token_invalid to the next n API calls only, token requests apart', async () => {
    simulator.rejectNextApiCalls(2);
    expect((await getKyc(simulator, token)).status).toBe(401);
    const fresh = await fetchToken(simulator);
    const second = await getKyc(simulator, fresh);
    expect(second.status).toBe(401);
    expect(await second.json()).toMatchObject({ code: 'token_invalid' });
    expect((await getKyc(simulator, fresh)).status).toBe(200);
  });

  it('requires X-On-Behalf-Of: user <uuid>', async () => {
    for (const onBehalfOf of [undefined, USER_ID, 'user not-a-uuid', `account ${USER_ID}`]) {
      const headers = apiHeaders(token);
      if (onBehalfOf === undefined) delete headers['x-on-behalf-of'];
      else headers['x-on-behalf-of'] = onBehalfOf;
      const response = await fetch(`${simulator.url}/core/kyc`, { headers });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'validation_failed',
        errors: { 'x-on-behalf-of': [{ code: 'required', message: expect.any(String) }] },
      });
    }
  });
});
