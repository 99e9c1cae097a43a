import type { JWTVerifyGetKey } from 'jose';
import { AuthConfig } from '../config/app-config';
import { JwksKeySet } from './jwks-key-set';
import { JwksTiming } from './jwks-timing';

/** Resolves the key a JWT is verified with (jose's key resolver). */
export type JwtKeys = JWTVerifyGetKey;

export const JwtKeys = Symbol('JwtKeys');

/** The key of AUTH_PUBLIC_KEY (parsed once at start), else the JWKS of AUTH_JWKS_URI. */
export function jwtKeysFor(auth: AuthConfig, timing: JwksTiming): JwtKeys {
  const { publicKey, jwksUri } = auth;
  if (publicKey) return () => publicKey;
  if (!jwksUri) throw new Error('AUTH_JWKS_URI or AUTH_PUBLIC_KEY is required');
  return new JwksKeySet(jwksUri, timing).getKey;
}
