import { randomUUID } from 'node:crypto';

export type TokenCheck = 'valid' | 'token_invalid' | 'token_expired' | 'token_revoked';

interface IssuedToken {
  serial: number;
  expiresAt: number;
}

// Bounds memory when a benchmark hammers the token endpoint; the oldest tokens are forgotten first.
const MAX_REMEMBERED_TOKENS = 100_000;

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** The access tokens issued so far, with their expiry and revocation state. */
export class TokenStore {
  private readonly issued = new Map<string, IssuedToken>();
  private serial = 0;
  private revokedUpTo = 0;

  /** A fresh JWT-looking token (three base64url parts) valid for `lifetimeSeconds`. */
  issue(clientId: string, scope: string, lifetimeSeconds: number): string {
    const now = Date.now();
    const header = base64url('{"alg":"RS256","typ":"JWT"}');
    const claims = {
      jti: randomUUID(),
      sub: clientId,
      scope,
      iat: Math.floor(now / 1000),
      exp: Math.floor(now / 1000) + lifetimeSeconds,
    };
    const signature = base64url(randomUUID() + randomUUID());
    const token = `${header}.${base64url(JSON.stringify(claims))}.${signature}`;
    this.serial += 1;
    this.issued.set(token, { serial: this.serial, expiresAt: now + lifetimeSeconds * 1000 });
    if (this.issued.size > MAX_REMEMBERED_TOKENS) {
      const oldest = this.issued.keys().next();
      if (!oldest.done) this.issued.delete(oldest.value);
    }
    return token;
  }

  check(token: string): TokenCheck {
    const entry = this.issued.get(token);
    if (!entry) return 'token_invalid';
    if (entry.serial <= this.revokedUpTo) return 'token_revoked';
    if (Date.now() >= entry.expiresAt) return 'token_expired';
    return 'valid';
  }

  /** Every token issued so far is rejected from now on. */
  revokeAll(): void {
    this.revokedUpTo = this.serial;
  }

  /** Issued tokens stay known (a client's cached token keeps working) but revocations are forgotten. */
  forgetRevocations(): void {
    this.revokedUpTo = 0;
  }
}
