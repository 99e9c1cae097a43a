import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v2';

/**
 * AES-256-GCM for the shared token cache, keyed from the client secret: whoever reads Redis
 * without the secret can neither use nor recognise the token. The cache key and the value's own
 * fingerprint prefix are the AAD, so a value copied under another key or relabelled with another
 * fingerprint does not decrypt.
 */
export class TokenCipher {
  private readonly encryptionKey: Buffer;
  private readonly fingerprintKey: Buffer;

  constructor(
    clientSecret: string,
    private readonly cacheKey: string,
  ) {
    this.encryptionKey = derive(clientSecret, 'token-encryption');
    this.fingerprintKey = derive(clientSecret, 'token-fingerprint');
  }

  /** A short, keyed, one-way id of a token, safe to store beside it and to compare in Redis. */
  fingerprint(accessToken: string): string {
    return createHmac('sha256', this.fingerprintKey)
      .update(accessToken)
      .digest('base64url')
      .slice(0, 22);
  }

  /** `v2.<fingerprint>.<iv|tag|ciphertext>`: the prefix lets Redis compare-and-delete without decrypting. */
  seal(accessToken: string, payload: string): string {
    const prefix = this.prefixFor(accessToken);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(this.associatedData(prefix));
    const body = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
    return `${prefix}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The payload, or undefined when the value is not ours, is tampered with or was sealed with another secret. */
  open(value: string): string | undefined {
    const parts = value.split('.');
    if (parts.length !== 3 || parts[0] !== FORMAT) return undefined;
    const raw = Buffer.from(parts[2], 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.encryptionKey,
        raw.subarray(0, IV_BYTES),
      );
      decipher.setAAD(this.associatedData(`${parts[0]}.${parts[1]}.`));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const body = raw.subarray(IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  private associatedData(prefix: string): Buffer {
    return Buffer.from(`${this.cacheKey}\n${prefix}`);
  }

  /** The start of every stored value that holds this token. */
  prefixFor(accessToken: string): string {
    return `${FORMAT}.${this.fingerprint(accessToken)}.`;
  }
}

function derive(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'identity-bff/uphold-token-cache', purpose, 32));
}
