import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { sign, SignOptions } from 'jsonwebtoken';

export const ISSUER = 'https://auth.test.example';
export const AUDIENCE = 'identity-bff';
export const USER_ID = '6f1c1f64-2d7b-4b8e-9a55-1f4f0c0b9d21';
export const OTHER_USER_ID = 'a3b7e2d4-8c1f-4e6a-b5d9-0f2e3c4a5b6d';

/** RSA signing key of the test's identity provider (the BFF gets the public half). */
export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const publicKeyPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/**
 * A real RS256 JWT for USER_ID, valid for 5 minutes. `options` sets algorithm, kid, nbf and
 * the like; `claims` overrides or (with undefined) removes any claim.
 */
export function userToken(
  options: SignOptions = {},
  claims: Record<string, unknown> = {},
  key: KeyObject = rsa.privateKey,
): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: USER_ID,
    iat: issuedAt,
    exp: issuedAt + 300,
    ...claims,
  };
  for (const name of Object.keys(payload)) if (payload[name] === undefined) delete payload[name];
  return sign(payload, key, { algorithm: 'RS256', ...options });
}
