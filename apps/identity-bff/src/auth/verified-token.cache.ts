import { hash } from 'node:crypto';
import { AuthUser } from './auth-user';

export interface VerifiedTokenCacheOptions {
  /** Most entries held; the one verified longest ago goes first. */
  maxEntries: number;
  /** The clock tolerance the verifier applies to `exp`, in seconds. */
  clockToleranceSeconds: number;
  /** No entry outlives this, whatever its `exp` (bounds trust in a key that was since rotated out). */
  maxEntryMs: number;
  now?: () => number;
}

interface Entry {
  user: AuthUser;
  validUntilMs: number;
}

/**
 * Tokens that already passed verification (signature, iss, aud, exp, nbf, user id claim), keyed by
 * a hash of the whole token, so the same token is not verified again on every request (as Envoy's
 * jwt_authn does). An entry ends when the verifier itself would refuse the token (`exp` plus the
 * clock tolerance) or earlier; a token without a numeric `exp` is never held. Beyond `maxEntries`
 * the entry verified longest ago goes first: it is the nearest to the `maxEntryMs` ceiling, and a
 * read moves nothing, so the map is not rewritten, nor its key kept anew, on every request.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: VerifiedTokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The user of a token verified before and still within its life, else undefined. */
  get(token: string): AuthUser | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() < entry.validUntilMs) return entry.user;
    this.entries.delete(key);
    return undefined;
  }

  /** Holds a token that has just passed verification, for the rest of its life. */
  remember(token: string, user: AuthUser): void {
    const exp = expiryClaimOf(token);
    if (exp === undefined) return;
    const now = this.now();
    const validUntilMs = Math.min(
      (exp + this.options.clockToleranceSeconds) * 1000,
      now + this.options.maxEntryMs,
    );
    if (validUntilMs <= now) return;
    const key = keyOf(token);
    this.entries.delete(key); // verified again: held as verified now
    this.entries.set(key, { user, validUntilMs });
    if (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}

function keyOf(token: string): string {
  return hash('sha256', token, 'base64');
}

/** The `exp` claim of a compact JWT (read only after its signature was verified). */
function expiryClaimOf(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
