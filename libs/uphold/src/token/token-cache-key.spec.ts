import { tokenCacheKey } from './token-cache-key';

const BASE = { baseUrl: 'https://upstream.test', clientId: 'client', clientSecret: 'secret' };

describe('tokenCacheKey', () => {
  it('is a namespaced HMAC-SHA256 in a hash tag (one Cluster slot for the token and its lock) that names neither the client nor the secret', () => {
    const key = tokenCacheKey(BASE);
    expect(key).toMatch(/^identity-bff:uphold-token:\{[0-9a-f]{64}\}$/);
    expect(key).not.toContain('client');
    expect(key).not.toContain('secret');
  });

  it('changes with the secret, the client id, the base URL and the scopes', () => {
    const keys = new Set([
      tokenCacheKey(BASE),
      tokenCacheKey({ ...BASE, clientSecret: 'rotated' }),
      tokenCacheKey({ ...BASE, clientId: 'other' }),
      tokenCacheKey({ ...BASE, baseUrl: 'https://other.test' }),
      tokenCacheKey({ ...BASE, scopes: 'core.kyc:read' }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('is the same for the same scopes in any order or spacing, and for a trailing slash', () => {
    const scoped = tokenCacheKey({ ...BASE, scopes: 'a b' });
    expect(tokenCacheKey({ ...BASE, scopes: '  b   a ' })).toBe(scoped);
    expect(tokenCacheKey({ ...BASE, scopes: '' })).toBe(tokenCacheKey(BASE));
    expect(tokenCacheKey({ ...BASE, baseUrl: 'https://upstream.test//' })).toBe(
      tokenCacheKey(BASE),
    );
  });

  it('keeps the fields apart: moving text between them gives another key', () => {
    const a = tokenCacheKey({ ...BASE, clientId: 'ab', scopes: 'c' });
    const b = tokenCacheKey({ ...BASE, clientId: 'a', scopes: 'bc' });
    expect(a).not.toBe(b);
  });
});
