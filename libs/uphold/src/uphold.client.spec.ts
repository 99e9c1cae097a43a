import { UpstreamRequest, UpstreamSender } from './http/upstream-http';
import { UpstreamCircuit, DEFAULT_CIRCUIT_OPTIONS } from './resilience/upstream-circuit';
import { MemoryTokenStore } from './token/memory-token-store';
import { TokenCipher } from './token/token-cipher';
import { IssuedToken, TokenEndpoint } from './token/token-endpoint';
import { tokenTimings } from './token/token-timings';
import { TokenService } from './token/token.service';
import { DEFAULT_UPSTREAM_RETRY, UpholdClient } from './uphold.client';
import { UpholdError } from './uphold.error';
import { NO_TELEMETRY } from './uphold.telemetry';

const KEY = 'identity-bff:uphold-token:client-spec';
const USER = { userId: '2f1e0d1c-7a4b-4c3d-9e8f-0a1b2c3d4e5f', requestId: 'req-1' };

/** Issues numbered tokens; `lifetimeSeconds` short enough makes each one expire quickly. */
class NumberedTokens {
  calls = 0;
  lifetimeSeconds = 600;
  requestToken(): Promise<IssuedToken> {
    this.calls++;
    return Promise.resolve({
      accessToken: `token-${this.calls}`,
      expiresInSeconds: this.lifetimeSeconds,
      requestedAt: Date.now(),
    });
  }
}

/** An upstream stand-in answering these statuses in turn (then 200), keeping the bearer tokens sent. */
function upstream(...statuses: number[]) {
  const bearers: string[] = [];
  const http: UpstreamSender = {
    send: (request: UpstreamRequest) => {
      bearers.push(request.headers.Authorization.replace('Bearer ', ''));
      const status = statuses.shift() ?? 200;
      const headers = { 'x-uphold-request-id': 'up-1' };
      return Promise.resolve({ status, statusText: '', data: '{}', headers });
    },
  };
  return { http, bearers };
}

function clientOn(http: UpstreamSender, tokens: NumberedTokens) {
  const service = new TokenService(
    new MemoryTokenStore(),
    tokens as unknown as TokenEndpoint,
    new TokenCipher('secret', KEY),
    KEY,
    60,
    tokenTimings(1_000, 50),
  );
  const circuit = new UpstreamCircuit(DEFAULT_CIRCUIT_OPTIONS, NO_TELEMETRY);
  const retry = { ...DEFAULT_UPSTREAM_RETRY, baseMs: 300, maxMs: 300 };
  const client = new UpholdClient(
    http,
    service,
    circuit,
    { timeoutMs: 5_000, retry },
    NO_TELEMETRY,
  );
  return { client, circuit };
}

describe('UpholdClient and the token', () => {
  let circuit: UpstreamCircuit | undefined;
  afterEach(() => circuit?.shutdown());

  it('takes a token for each attempt: a retry after the token expired sends a fresh one', async () => {
    const tokens = new NumberedTokens();
    tokens.lifetimeSeconds = 0.2; // usable 100 ms, less than the pause before the retry
    const { http, bearers } = upstream(503);
    const setup = clientOn(http, tokens);
    circuit = setup.circuit;
    await setup.client.getKycOverview(USER);
    expect(bearers).toEqual(['token-1', 'token-2']);
  });

  it('drops a refused token, sends a fresh one once, and then answers auth_failed with the upstream id', async () => {
    const tokens = new NumberedTokens();
    const { http, bearers } = upstream(401, 401);
    const setup = clientOn(http, tokens);
    circuit = setup.circuit;
    const error = (await setup.client.getKycOverview(USER).catch((e: unknown) => e)) as UpholdError;
    expect(error).toBeInstanceOf(UpholdError);
    expect(error).toMatchObject({ kind: 'auth_failed', status: 401, upstreamRequestId: 'up-1' });
    expect(bearers).toEqual(['token-1', 'token-2']);
  });

  it('after a fresh token was refused too, answers further 401s at once without fetching another', async () => {
    const tokens = new NumberedTokens();
    const { http, bearers } = upstream(...Array<number>(20).fill(401));
    const setup = clientOn(http, tokens);
    circuit = setup.circuit;
    for (let i = 0; i < 10; i++) {
      const error = (await setup.client
        .getKycOverview(USER)
        .catch((e: unknown) => e)) as UpholdError;
      expect(error).toMatchObject({ kind: 'auth_failed', upstreamRequestId: 'up-1' });
    }
    expect(tokens.calls).toBe(2);
    expect(bearers).toEqual(['token-1', 'token-2', ...Array<string>(9).fill('token-2')]);
  });

  it('answers with the fresh token when only the old one was refused', async () => {
    const tokens = new NumberedTokens();
    const { http, bearers } = upstream(401);
    const setup = clientOn(http, tokens);
    circuit = setup.circuit;
    await expect(setup.client.getKycOverview(USER)).resolves.toMatchObject({
      upstreamRequestId: 'up-1',
    });
    expect(bearers).toEqual(['token-1', 'token-2']);
  });
});
