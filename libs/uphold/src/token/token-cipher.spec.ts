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

  it('refuses a value relabelled with another fingerprint (the prefix is authenticated data)', () => {
    const sealed = cipher.seal('token-a', 'payload');
    const relabelled = sealed.replace(cipher.prefixFor('token-a'), cipher.prefixFor('token-b'));
    expect(relabelled.startsWith(cipher.prefixFor('token-b'))).toBe(true);
    expect(cipher.open(relabelled)).toBeUndefined();
  });

  it('refuses a value of another format, or with a part missing, added or cut short', () => {
    const sealed = cipher.seal('t', 'payload');
    const [, fingerprint, body] = sealed.split('.');
    expect(cipher.open(`v1.${fingerprint}.${body}`)).toBeUndefined();
    expect(cipher.open(`${fingerprint}.${body}`)).toBeUndefined();
    expect(cipher.open(`${sealed}.extra`)).toBeUndefined();
    const ivAndTagOnly = Buffer.from(body, 'base64url').subarray(0, 28).toString('base64url');
    expect(cipher.open(`v2.${fingerprint}.${ivAndTagOnly}`)).toBeUndefined();
  });

  it('refuses a value with no ciphertext after IV and tag, opens one with a single byte', () => {
    expect(cipher.open(cipher.seal('t', ''))).toBeUndefined();
    expect(cipher.open(cipher.seal('t', 'x'))).toBe('x');
  });

  it('fingerprints a token as 22 keyed base64url characters, the same each time', () => {
    const fingerprint = cipher.fingerprint('token-a');
    expect(fingerprint).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cipher.fingerprint('token-a')).toBe(fingerprint);
    expect(new TokenCipher('rotated-secret', KEY).fingerprint('token-a')).not.toBe(fingerprint);
    expect(cipher.prefixFor('token-a')).toBe(`v2.${fingerprint}.`);
  });

  it('keeps its keys and format across releases: replicas of two releases share one token during an upgrade', () => {
    const sealedByThisRelease =
      'v2.SFbrt_Bpl7lsnSCQS1RKwv.bMLiZ4m-AmoW_9_dC7RJ-iGElJPgmwzbvs5xLJC2l71tCxa6ORihesaBMxL_8_OsWVdIFp5up59FujHSsRU';
    const nextRelease = new TokenCipher('client-secret', KEY);
    expect(nextRelease.prefixFor('access-token-123')).toBe('v2.SFbrt_Bpl7lsnSCQS1RKwv.');
    expect(nextRelease.open(sealedByThisRelease)).toBe('{"accessToken":"access-token-123"}');
  });
});
