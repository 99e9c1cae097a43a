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
