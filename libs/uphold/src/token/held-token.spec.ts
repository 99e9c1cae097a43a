import { holdIssuedToken, parseHeldToken } from './held-token';

describe('holdIssuedToken', () => {
  it('expires the token the skew early and refreshes it at 75% of its usable life', () => {
    const token = holdIssuedToken({ accessToken: 't', expiresInSeconds: 600, requestedAt: 0 }, 60);
    expect(token.expiresAt).toBe(540_000);
    expect(token.refreshAt).toBe(405_000);
  });

  it('caps the skew at half the lifetime', () => {
    const token = holdIssuedToken({ accessToken: 't', expiresInSeconds: 10, requestedAt: 0 }, 60);
    expect(token.expiresAt).toBe(5_000);
    expect(token.refreshAt).toBeLessThan(token.expiresAt);
  });
});

describe('parseHeldToken', () => {
  it('reads back what was stored and refuses anything partial', () => {
    const token = { accessToken: 't', issuedAt: 1, refreshAt: 2, expiresAt: 3 };
    expect(parseHeldToken(JSON.stringify(token))).toEqual(token);
    expect(parseHeldToken('{"accessToken":"t"}')).toBeUndefined();
    expect(parseHeldToken('not json')).toBeUndefined();
  });
});

describe('holdIssuedToken, from the instant it was requested', () => {
  it('counts the lifetime from the request, not from now', () => {
    const token = holdIssuedToken(
      { accessToken: 'abc', expiresInSeconds: 100, requestedAt: 1_000 },
      10,
    );
    expect(token).toEqual({
      accessToken: 'abc',
      issuedAt: 1_000,
      expiresAt: 1_000 + 90_000,
      refreshAt: 1_000 + 67_500,
    });
  });

  it('rounds the refresh instant down to a whole millisecond', () => {
    const token = holdIssuedToken(
      { accessToken: 't', expiresInSeconds: 1, requestedAt: 1 },
      0.0001,
    );
    expect(Number.isInteger(token.refreshAt)).toBe(true);
    expect(token.refreshAt).toBe(Math.floor(1 + 0.75 * (token.expiresAt - 1)));
  });
});

describe('parseHeldToken, field by field', () => {
  const whole = { accessToken: 't', issuedAt: 1, refreshAt: 2, expiresAt: 3 };
  it.each(['accessToken', 'issuedAt', 'refreshAt', 'expiresAt'])(
    'refuses a payload whose %s is missing or of the wrong type',
    (field) => {
      expect(parseHeldToken(JSON.stringify({ ...whole, [field]: undefined }))).toBeUndefined();
      expect(parseHeldToken(JSON.stringify({ ...whole, [field]: [] }))).toBeUndefined();
    },
  );
});
