import { TokenCipher } from './token-cipher';

const KEY = 'identity-bff:uphold-token:abc';

describe('TokenCipher', () => {
  const cipher = new TokenCipher('client-secret', KEY);

  it('opens what it sealed, and the sealed value does not contain the token', () => {
    const sealed = cipher.seal('access-token-123', '{"accessToken":"access-token-123"}');
    expect(sealed).not.toContain('access-token-123');
    expect(cipher.open(sealed)).toBe('{"accessToken":"access-token-123"}');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.seal('t', 'payload')).not.toBe(cipher.seal('t', 'payload'));
  });

  it('cannot be opened with another client secret', () => {
    const sealed = cipher.seal('t', 'payload');
    expect(new TokenCipher('rotated-secret', KEY).open(sealed)).toBeUndefined();
  });

  it('cannot be opened under another cache key (the key is authenticated data)', () => {
    const sealed = cipher.seal('t', 'payload');
    expect(new TokenCipher('client-secret', `${KEY}-other`).open(sealed)).toBeUndefined();
  });

  it('rejects a tampered value', () => {
    const sealed = cipher.seal('t', 'payload');
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(cipher.open(`${sealed.slice(0, -2)}${last}${sealed.at(-1)}`)).toBeUndefined();
    expect(cipher.open('garbage')).toBeUndefined();
  });

  it('prefixes every value with a fingerprint of its token, for compare-and-delete', () => {
    const sealed = cipher.seal('token-a', 'payload');
    expect(sealed.startsWith(cipher.prefixFor('token-a'))).toBe(true);
    expect(sealed.startsWith(cipher.prefixFor('token-b'))).toBe(false);
  });
});
