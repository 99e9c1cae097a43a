import { Logger } from '@nestjs/common';
import { AxiosError, AxiosInstance, AxiosRequestConfig } from 'axios';
import { UpholdError } from '../uphold.error';
import { CREDENTIALS_REFUSAL_MEMORY_MS, TokenEndpoint } from './token-endpoint';

/** Timers and Date.now() read different clocks: a pause can end a millisecond or two early. */
const CLOCK_SLACK_MS = 5;

const OPTIONS = {
  baseUrl: 'https://upstream.test',
  clientId: 'client',
  clientSecret: 'secret',
  timeoutMs: 2_000,
  tokenExpirySkewSeconds: 60,
};
const TOKEN = JSON.stringify({ access_token: 'token', expires_in: 600, token_type: 'Bearer' });

interface Answer {
  status?: number;
  data?: string;
  headers?: Record<string, string>;
  error?: Error;
}

interface Post {
  url: string;
  body: string;
  config: AxiosRequestConfig;
}

/** An axios stand-in answering the token endpoint in turn, keeping what it was sent. */
function answering(...answers: Answer[]): { http: AxiosInstance; posts: Post[] } {
  const posts: Post[] = [];
  const http = {
    post: (url: string, body: string, config: AxiosRequestConfig) => {
      posts.push({ url, body, config });
      const answer = answers.shift() ?? { status: 200, data: TOKEN };
      if (answer.error) return Promise.reject(answer.error);
      return Promise.resolve({ headers: {}, ...answer });
    },
  } as unknown as AxiosInstance;
  return { http, posts };
}

async function failure(endpoint: TokenEndpoint): Promise<UpholdError> {
  const error = await endpoint.requestToken().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UpholdError);
  return error as UpholdError;
}

describe('TokenEndpoint', () => {
  it('posts client credentials as a form with Basic authentication, and reads the token', async () => {
    const { http, posts } = answering({ status: 200, data: TOKEN });
    const before = Date.now();
    const token = await new TokenEndpoint(http, OPTIONS).requestToken();
    expect(token).toEqual({
      accessToken: 'token',
      expiresInSeconds: 600,
      requestedAt: expect.any(Number) as number,
    });
    expect(token.requestedAt).toBeGreaterThanOrEqual(before);
    expect(token.requestedAt).toBeLessThanOrEqual(Date.now());
    expect(posts).toHaveLength(1);
    const [{ url, body, config }] = posts;
    expect(url).toBe('/core/oauth2/token');
    expect(body).toBe('grant_type=client_credentials');
    expect(config.headers).toEqual({
      Authorization: `Basic ${Buffer.from('client:secret').toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    });
    expect(config.timeout).toBeGreaterThan(1_900);
    expect(config.timeout).toBeLessThanOrEqual(2_000);
  });

  it('asks for the configured scopes', async () => {
    const { http, posts } = answering({ status: 200, data: TOKEN });
    await new TokenEndpoint(http, {
      ...OPTIONS,
      scopes: 'core.kyc:read core.files:write',
    }).requestToken();
    expect(posts[0].body).toBe(
      'grant_type=client_credentials&scope=core.kyc%3Aread+core.files%3Awrite',
    );
  });

  it('retries 5xx, 429 and unreachable answers three times in all, then is unavailable', async () => {
    const refused = new AxiosError('refused', 'ECONNREFUSED');
    const { http, posts } = answering(
      { status: 503, data: '' },
      { status: 429, data: '' },
      { error: refused },
    );
    const error = await failure(new TokenEndpoint(http, OPTIONS));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('token request: upstream unreachable (ECONNREFUSED)');
    expect(posts).toHaveLength(3);
  });

  it('succeeds on a retry after a 500', async () => {
    const { http, posts } = answering({ status: 500, data: '' }, { status: 200, data: TOKEN });
    expect((await new TokenEndpoint(http, OPTIONS).requestToken()).accessToken).toBe('token');
    expect(posts).toHaveLength(2);
  });

  it('reports a timeout that outlasts the retries as unavailable, keeping its status', async () => {
    const timeout = new AxiosError('timeout', 'ECONNABORTED');
    const { http } = answering({ error: timeout }, { error: timeout }, { error: timeout });
    const error = await failure(new TokenEndpoint(http, OPTIONS));
    expect(error.kind).toBe('unavailable');
    expect(error.cause).toBeInstanceOf(UpholdError);
    expect(error.cause).toMatchObject({
      kind: 'timeout',
      message: 'token request: no answer in time',
    });
  });

  it('gives a 429 its Retry-After and does not retry past the deadline', async () => {
    const { http, posts } = answering({ status: 429, data: '', headers: { 'retry-after': '30' } });
    const error = await failure(new TokenEndpoint(http, OPTIONS));
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBe(429);
    expect(error.message).toBe('token endpoint answered 429');
    expect(error.retryAfterSeconds).toBe(30);
    expect(posts).toHaveLength(1);
  });

  it('keeps each attempt within what is left of one deadline', async () => {
    const { http, posts } = answering(
      { status: 503, data: '', headers: { 'retry-after': '1' } },
      { status: 200, data: TOKEN },
    );
    await new TokenEndpoint(http, OPTIONS).requestToken();
    // 2 s budget, 1 s pause: about 1 s left; Node's timer may fire a millisecond or two before
    // Date.now() shows the whole pause, a fresh budget per attempt would give 2 s
    expect(posts[1].config.timeout).toBeLessThanOrEqual(1_000 + CLOCK_SLACK_MS);
    expect(posts[1].config.timeout).toBeGreaterThan(0);
  });

  it('does not retry a refusal of the credentials, and remembers it for a few seconds', async () => {
    const { http, posts } = answering({ status: 401, data: '' }, { status: 200, data: TOKEN });
    const endpoint = new TokenEndpoint(http, OPTIONS);
    const errors: string[] = [];
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((message: unknown) => void errors.push(String(message)));
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const error = await failure(endpoint);
      expect(error.kind).toBe('auth_failed');
      expect(error.status).toBe(401);
      expect(error.message).toBe('token endpoint answered 401');
      expect(errors).toEqual(['token endpoint refused the client credentials (401)']);
      clock.mockReturnValue(now + CREDENTIALS_REFUSAL_MEMORY_MS - 1);
      expect(await failure(endpoint)).toMatchObject({
        kind: 'auth_failed',
        message: 'token endpoint refused the client credentials recently',
      });
      expect(posts).toHaveLength(1);
      clock.mockReturnValue(now + CREDENTIALS_REFUSAL_MEMORY_MS);
      expect((await endpoint.requestToken()).accessToken).toBe('token');
      expect(posts).toHaveLength(2);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('treats a 400 as a refusal of the credentials too', async () => {
    const { http } = answering({ status: 400, data: '{"error":"invalid_client"}' });
    expect((await failure(new TokenEndpoint(http, OPTIONS))).kind).toBe('auth_failed');
  });

  it('refuses an answer without a usable token, without retrying it', async () => {
    for (const data of [
      '',
      '[]',
      '{"access_token":"","expires_in":600}',
      '{"access_token":7,"expires_in":600}',
      '{"access_token":"t"}',
      '{"access_token":"t","expires_in":"600"}',
      '{"access_token":"t","expires_in":0}',
      '{"access_token":"t","expires_in":-5}',
      '{"access_token":"t","expires_in":1e999}',
    ]) {
      const { http, posts } = answering({ status: 200, data });
      const error = await failure(new TokenEndpoint(http, OPTIONS));
      expect(error.kind).toBe('bad_response');
      expect(error.message).toBe('token endpoint answer has no usable token');
      expect(error.status).toBe(200);
      expect(posts).toHaveLength(1);
    }
  });

  it('takes no longer than its configured timeout, whatever the retry policy', () => {
    const { http } = answering();
    expect(new TokenEndpoint(http, { ...OPTIONS, timeoutMs: 120_000 }).longestFetchMs).toBe(
      120_000,
    );
  });
});
