import { VerifiedTokenCache } from './verified-token.cache';

const USER = { userId: '6f1c1f64-2d7b-4b8e-9a55-1f4f0c0b9d21' };
const OTHER_USER = { userId: 'a3b7e2d4-8c1f-4e6a-b5d9-0f2e3c4a5b6d' };
const NOW_SECONDS = 1_800_000_000;

/** An unsigned compact JWT with these claims (the cache never checks signatures, its caller does). */
function jwt(claims: Record<string, unknown>, signature = 'sig'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${signature}`;
}

function cacheAt(
  clock: { ms: number },
  overrides: { maxEntries?: number; maxEntryMs?: number } = {},
) {
  return new VerifiedTokenCache({
    maxEntries: overrides.maxEntries ?? 100,
    clockToleranceSeconds: 30,
    maxEntryMs: overrides.maxEntryMs ?? 3_600_000,
    now: () => clock.ms,
  });
}

describe('VerifiedTokenCache', () => {
  it('returns the user of a remembered token', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    const token = jwt({ sub: USER.userId, exp: NOW_SECONDS + 300 });
    cache.remember(token, USER);
    expect(cache.get(token)).toEqual(USER);
  });

  it('knows nothing of a token it was never given, even one with the same claims', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    const claims = { sub: USER.userId, exp: NOW_SECONDS + 300 };
    cache.remember(jwt(claims, 'good-signature'), USER);
    expect(cache.get(jwt(claims, 'forged-signature'))).toBeUndefined();
  });

  it('keeps a token until exp plus the 30 s tolerance, and not one millisecond longer', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    const token = jwt({ sub: USER.userId, exp: NOW_SECONDS + 60 });
    cache.remember(token, USER);
    clock.ms = (NOW_SECONDS + 60 + 30) * 1000 - 1;
    expect(cache.get(token)).toEqual(USER);
    clock.ms += 1;
    expect(cache.get(token)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('ends at a fractional exp plus tolerance, never later than the verifier would', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    const token = jwt({ sub: USER.userId, exp: NOW_SECONDS + 10.5 });
    cache.remember(token, USER);
    clock.ms = (NOW_SECONDS + 40.5) * 1000;
    expect(cache.get(token)).toBeUndefined();
  });

  it('never holds a token without a numeric exp', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    const withoutExp = jwt({ sub: USER.userId });
    const withTextExp = jwt({ sub: USER.userId, exp: String(NOW_SECONDS + 300) });
    cache.remember(withoutExp, USER);
    cache.remember(withTextExp, USER);
    expect(cache.get(withoutExp)).toBeUndefined();
    expect(cache.get(withTextExp)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never holds a token already past exp plus tolerance', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    const token = jwt({ sub: USER.userId, exp: NOW_SECONDS - 30 });
    cache.remember(token, USER);
    expect(cache.size).toBe(0); // takes no room from live tokens
    expect(cache.get(token)).toBeUndefined();
  });

  it('ends an entry after maxEntryMs even when exp is further away', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock, { maxEntryMs: 60_000 });
    const token = jwt({ sub: USER.userId, exp: NOW_SECONDS + 3600 });
    cache.remember(token, USER);
    clock.ms += 60_000;
    expect(cache.get(token)).toBeUndefined();
  });

  it('drops the token verified longest ago beyond maxEntries, however recently it was read', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock, { maxEntries: 2 });
    const [first, second, third] = [1, 2, 3].map((n) =>
      jwt({ sub: USER.userId, exp: NOW_SECONDS + 300, n }),
    );
    cache.remember(first, USER);
    cache.remember(second, OTHER_USER);
    expect(cache.get(first)).toEqual(USER); // a read does not move it
    cache.remember(third, USER);
    expect(cache.size).toBe(2);
    expect(cache.get(first)).toBeUndefined();
    expect(cache.get(second)).toEqual(OTHER_USER);
    expect(cache.get(third)).toEqual(USER);
  });

  it('never holds a token whose exp is not a finite number', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    const part = (value: string) => Buffer.from(value).toString('base64url');
    const huge = `${part('{"alg":"RS256"}')}.${part(`{"sub":"${USER.userId}","exp":1e999}`)}.sig`;
    cache.remember(huge, USER);
    expect(cache.size).toBe(0);
  });

  it('counts a token verified again as verified now', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock, { maxEntries: 2 });
    const [first, second, third] = [1, 2, 3].map((n) =>
      jwt({ sub: USER.userId, exp: NOW_SECONDS + 300, n }),
    );
    cache.remember(first, USER);
    cache.remember(second, OTHER_USER);
    cache.remember(first, USER); // verified again, e.g. by a concurrent request
    cache.remember(third, USER);
    expect(cache.get(second)).toBeUndefined();
    expect(cache.get(first)).toEqual(USER);
  });

  it('ignores a token that is not a compact JWT', () => {
    const clock = { ms: NOW_SECONDS * 1000 };
    const cache = cacheAt(clock);
    cache.remember('not-a-jwt', USER);
    cache.remember('a.%%%.c', USER);
    expect(cache.size).toBe(0);
  });
});
