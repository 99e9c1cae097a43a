import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { CryptoKey, errors, exportJWK, FlattenedJWSInput } from 'jose';
import { JwksKeySet, KeysUnavailableError } from './jwks-key-set';
import { JwksTiming } from './jwks-timing';

const URI = 'https://idp.example/.well-known/jwks.json';
const TOKEN: FlattenedJWSInput = { payload: '', signature: '' };
const first = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
const second = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
const header = (kid: string) => ({ alg: 'RS256', kid });
const jwk = (kid: string, key: KeyObject) => ({
  ...key.export({ format: 'jwk' }),
  kid,
  alg: 'RS256',
  use: 'sig',
});

/**
 * A fake JWKS endpoint and clock: `keys`, `status`, `body` or `failure` shape the next answer;
 * with `holding` set, each fetch waits until `release()`.
 */
function setUp(timing: Partial<JwksTiming> = {}) {
  const clock = { ms: 0 };
  const endpoint = {
    keys: [jwk('k1', first)] as object[],
    status: 200,
    body: undefined as string | undefined,
    failure: undefined as unknown,
    holding: false,
    waiting: [] as (() => void)[],
    release() {
      this.waiting.splice(0).forEach((resume) => resume());
    },
  };
  const fetchFn = jest.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    if (endpoint.holding) await new Promise<void>((resume) => endpoint.waiting.push(resume));
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a fetch may throw anything
    if (endpoint.failure !== undefined) throw endpoint.failure;
    const body = endpoint.body ?? JSON.stringify({ keys: endpoint.keys });
    return new Response(body, { status: endpoint.status });
  });
  const logger = { warn: jest.fn() };
  const keySet = new JwksKeySet(
    URI,
    {
      minFetchIntervalMs: 30_000,
      refreshIntervalMs: 600_000,
      fetchTimeoutMs: 5_000,
      now: () => clock.ms,
      ...timing,
    },
    fetchFn as typeof fetch,
    logger,
  );
  const keyOf = (kid: string) => keySet.getKey(header(kid), TOKEN);
  return { clock, endpoint, fetchFn, logger, keySet, keyOf };
}

/** The modulus of a resolved key, to tell which published key it is. */
async function modulusOf(key: Promise<unknown>): Promise<string | undefined> {
  return (await exportJWK((await key) as CryptoKey)).n;
}
const modulus = (key: KeyObject) => key.export({ format: 'jwk' }).n;

async function unavailability(lookup: Promise<unknown>): Promise<KeysUnavailableError> {
  const error = await lookup.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(KeysUnavailableError);
  expect(error).toMatchObject({
    name: 'KeysUnavailableError', // as an unhandled one would be logged
    message: 'the identity provider key set cannot be fetched',
  });
  return error as KeysUnavailableError;
}

describe('JwksKeySet', () => {
  it('fetches the key set as JSON on first use and resolves the key its kid names', async () => {
    const { keyOf, fetchFn } = setUp();
    expect(await modulusOf(keyOf('k1'))).toBe(modulus(first));
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0];
    expect(url).toBe(URI);
    expect(init?.headers).toEqual({ accept: 'application/json' });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('gives a fetch fetchTimeoutMs, then counts it failed', async () => {
    const { keySet, fetchFn } = setUp({ fetchTimeoutMs: 10 });
    fetchFn.mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)),
        ),
    );
    await unavailability(keySet.getKey(header('k1'), TOKEN));
  });

  it('holds the key set: later lookups fetch nothing', async () => {
    const { keyOf, fetchFn } = setUp();
    await keyOf('k1');
    await keyOf('k1');
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('lets simultaneous first lookups share one fetch', async () => {
    const { keyOf, fetchFn, endpoint } = setUp();
    endpoint.holding = true;
    const lookups = [keyOf('k1'), keyOf('k1'), keyOf('k1')];
    await Promise.resolve();
    endpoint.release();
    const moduli = await Promise.all(lookups.map(modulusOf));
    expect(moduli).toEqual([modulus(first), modulus(first), modulus(first)]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('refetches for an unknown kid once minFetchIntervalMs has passed since the last fetch started', async () => {
    const { keyOf, fetchFn, endpoint, clock } = setUp();
    await keyOf('k1');
    endpoint.keys.push(jwk('k2', second));
    clock.ms = 29_999;
    await expect(keyOf('k2')).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    clock.ms = 30_000;
    expect(await modulusOf(keyOf('k2'))).toBe(modulus(second));
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('refuses a kid that the freshly fetched set lacks as no matching key (not as unavailable)', async () => {
    const { keyOf, fetchFn, clock } = setUp();
    await keyOf('k1');
    clock.ms = 30_000;
    await expect(keyOf('junk')).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('passes other lookup errors through without refetching', async () => {
    const { keySet, fetchFn, clock } = setUp();
    await keySet.getKey(header('k1'), TOKEN);
    clock.ms = 30_000;
    await expect(keySet.getKey({ alg: 'HS256', kid: 'k1' }, TOKEN)).rejects.toBeInstanceOf(
      errors.JOSENotSupported,
    );
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('serves a stale set while refreshing it in the background, from refreshIntervalMs on', async () => {
    const { keyOf, fetchFn, endpoint, clock } = setUp();
    await keyOf('k1');
    endpoint.holding = true;
    clock.ms = 599_999;
    await keyOf('k1');
    expect(fetchFn).toHaveBeenCalledTimes(1);
    clock.ms = 600_000;
    expect(await modulusOf(keyOf('k1'))).toBe(modulus(first)); // the refresh is still held
    expect(fetchFn).toHaveBeenCalledTimes(2);
    endpoint.release();
  });

  it('replaces the set once a refresh succeeds: a withdrawn key is no longer found', async () => {
    const { keyOf, endpoint, clock } = setUp();
    await keyOf('k1');
    endpoint.keys = [jwk('k2', second)];
    clock.ms = 600_000;
    await keyOf('k1'); // starts the refresh
    await Promise.resolve();
    clock.ms = 600_001;
    await expect(keyOf('k1')).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(await modulusOf(keyOf('k2'))).toBe(modulus(second));
  });

  it('times the next refresh from the last successful fetch', async () => {
    const { keyOf, fetchFn, clock } = setUp();
    clock.ms = 1_000;
    await keyOf('k1');
    clock.ms = 600_999;
    await keyOf('k1');
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });

  it('keeps the held set when a refresh fails, and says so in a warning', async () => {
    const { keyOf, endpoint, clock, logger } = setUp();
    await keyOf('k1');
    endpoint.status = 503;
    clock.ms = 600_000;
    await keyOf('k1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(logger.warn).toHaveBeenCalledWith(
      'JWKS fetch failed (the JWKS endpoint answered 503); verifying with the keys held until a fetch succeeds',
    );
    clock.ms = 10_000_000;
    expect(await modulusOf(keyOf('k1'))).toBe(modulus(first));
  });

  it('answers an unknown kid with unavailable while the last fetch failed', async () => {
    const { keyOf, endpoint, clock, fetchFn } = setUp();
    await keyOf('k1');
    endpoint.failure = new Error('refused');
    clock.ms = 600_000;
    await keyOf('k1');
    await new Promise((resolve) => setImmediate(resolve));
    const error = await unavailability(keyOf('k2'));
    expect(error.retryAfterSeconds).toBe(30);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('lets an unknown kid wait for the fetch under way instead of starting another', async () => {
    const { keyOf, endpoint, clock, fetchFn } = setUp();
    await keyOf('k1');
    endpoint.holding = true;
    endpoint.keys.push(jwk('k2', second));
    clock.ms = 600_000;
    await keyOf('k1'); // starts the background refresh, held
    const lookup = keyOf('k2');
    await new Promise((resolve) => setImmediate(resolve));
    endpoint.release();
    expect(await modulusOf(lookup)).toBe(modulus(second));
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('with nothing held, answers unavailable when the fetch fails, retrying at most once per interval', async () => {
    const { keyOf, endpoint, clock, fetchFn, logger } = setUp();
    endpoint.failure = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    expect((await unavailability(keyOf('k1'))).retryAfterSeconds).toBe(30);
    expect(logger.warn).toHaveBeenCalledWith(
      'JWKS fetch failed (fetch failed: connect ECONNREFUSED); no keys held until a fetch succeeds',
    );
    clock.ms = 10_500;
    expect((await unavailability(keyOf('k1'))).retryAfterSeconds).toBe(20);
    clock.ms = 29_999;
    expect((await unavailability(keyOf('k1'))).retryAfterSeconds).toBe(1);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    endpoint.failure = undefined;
    clock.ms = 30_000;
    expect(await modulusOf(keyOf('k1'))).toBe(modulus(first));
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('never asks to retry in less than a second, even after a fetch that outlasted the interval', async () => {
    const { keyOf, clock, fetchFn } = setUp();
    fetchFn.mockImplementation(() => {
      clock.ms += 45_000;
      return Promise.reject(new Error('timeout'));
    });
    expect((await unavailability(keyOf('k1'))).retryAfterSeconds).toBe(1);
  });

  it('counts an answer other than 200, a body that is not JSON or not a key set as a failed fetch', async () => {
    const failures: [string, (endpoint: ReturnType<typeof setUp>['endpoint']) => void][] = [
      ['(the JWKS endpoint answered 500)', (endpoint) => (endpoint.status = 500)],
      ['is not valid JSON)', (endpoint) => (endpoint.body = '<html>')],
      ['(JSON Web Key Set malformed)', (endpoint) => (endpoint.body = '{"keys":"none"}')],
    ];
    for (const [reason, breakEndpoint] of failures) {
      const { keyOf, endpoint, logger } = setUp();
      breakEndpoint(endpoint);
      await unavailability(keyOf('k1'));
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(reason));
    }
  });

  it('names a thrown value that is not an Error as it is', async () => {
    const { keyOf, endpoint, logger, clock } = setUp();
    endpoint.failure = 'socket hang up';
    await unavailability(keyOf('k1'));
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('(socket hang up)'));
    endpoint.failure = null;
    clock.ms = 30_000;
    await unavailability(keyOf('k1'));
    expect(logger.warn).toHaveBeenLastCalledWith(expect.stringContaining('(null)'));
  });

  it('recovers from a failed fetch: an unknown kid is then refused as no matching key', async () => {
    const { keyOf, endpoint, clock } = setUp();
    endpoint.status = 500;
    await unavailability(keyOf('k1'));
    endpoint.status = 200;
    clock.ms = 30_000;
    await keyOf('k1');
    await expect(keyOf('k2')).rejects.toBeInstanceOf(errors.JWKSNoMatchingKey);
  });
});
