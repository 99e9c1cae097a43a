import { AxiosInstance } from 'axios';
import { NO_TELEMETRY, TokenRequestOutcome, UpholdTelemetry } from '../uphold.telemetry';
import { TokenEndpoint } from './token-endpoint';

const OPTIONS = {
  baseUrl: 'https://upstream.test',
  clientId: 'client',
  clientSecret: 'secret',
  timeoutMs: 1_000,
  tokenExpirySkewSeconds: 60,
};

/** An axios stand-in answering the token endpoint with these statuses and bodies, in turn. */
function answering(...answers: { status: number; data: string }[]): AxiosInstance {
  const queue = [...answers];
  return {
    post: () => Promise.resolve({ headers: {}, ...queue.shift() }),
  } as unknown as AxiosInstance;
}

function recording(): { telemetry: UpholdTelemetry; outcomes: TokenRequestOutcome[] } {
  const outcomes: TokenRequestOutcome[] = [];
  return {
    outcomes,
    telemetry: { ...NO_TELEMETRY, tokenRequest: (outcome) => outcomes.push(outcome) },
  };
}

const TOKEN = JSON.stringify({ access_token: 'token', expires_in: 600, token_type: 'Bearer' });

describe('TokenEndpoint telemetry', () => {
  it('reports each HTTP attempt: a retried 503 then an issued token', async () => {
    const { telemetry, outcomes } = recording();
    const endpoint = new TokenEndpoint(
      answering({ status: 503, data: '' }, { status: 200, data: TOKEN }),
      OPTIONS,
      telemetry,
    );
    await endpoint.requestToken();
    expect(outcomes).toEqual(['unavailable', 'issued']);
  });

  it('reports a refusal once, and nothing for the refusals it remembers without asking', async () => {
    const { telemetry, outcomes } = recording();
    const endpoint = new TokenEndpoint(answering({ status: 401, data: '' }), OPTIONS, telemetry);
    await expect(endpoint.requestToken()).rejects.toThrow();
    await expect(endpoint.requestToken()).rejects.toThrow();
    expect(outcomes).toEqual(['refused']);
  });

  it('reports an answer without a usable token as bad_response', async () => {
    const { telemetry, outcomes } = recording();
    const endpoint = new TokenEndpoint(answering({ status: 200, data: '{}' }), OPTIONS, telemetry);
    await expect(endpoint.requestToken()).rejects.toThrow();
    expect(outcomes).toEqual(['bad_response']);
  });
});
