import { IssuedToken } from './token-endpoint';

/** A token with the instants that govern its use, all in epoch milliseconds. */
export interface HeldToken {
  accessToken: string;
  issuedAt: number;
  /** From here on, one replica fetches the next token in the background. */
  refreshAt: number;
  /** From here on, the token is never sent (the skew before `expires_in` ends). */
  expiresAt: number;
}

/** Share of the usable lifetime after which the next token is fetched ahead. */
const REFRESH_AHEAD_AT = 0.75;

export function holdIssuedToken(issued: IssuedToken, skewSeconds: number): HeldToken {
  const lifetimeMs = issued.expiresInSeconds * 1000;
  const skewMs = Math.min(skewSeconds * 1000, lifetimeMs / 2);
  const expiresAt = issued.requestedAt + lifetimeMs - skewMs;
  return {
    accessToken: issued.accessToken,
    issuedAt: issued.requestedAt,
    refreshAt: Math.floor(issued.requestedAt + REFRESH_AHEAD_AT * (expiresAt - issued.requestedAt)),
    expiresAt,
  };
}

/** Reads a decrypted cache payload back; undefined for anything that is not a whole HeldToken. */
export function parseHeldToken(payload: string): HeldToken | undefined {
  try {
    const value = JSON.parse(payload) as Partial<HeldToken>;
    const numbers = [value.issuedAt, value.refreshAt, value.expiresAt];
    if (typeof value.accessToken !== 'string' || !numbers.every((n) => typeof n === 'number')) {
      return undefined;
    }
    return value as HeldToken;
  } catch {
    return undefined;
  }
}
