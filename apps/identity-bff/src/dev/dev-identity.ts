import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { DEV_ISSUER } from './dev-issuer';

export { DEV_ISSUER };

/** A development signing key made at start: no private key is ever committed. */
export interface DevIdentity {
  publicKeyPem: string;
  mintToken(userId: string, lifetimeSeconds: number): string;
}

export const DEV_AUDIENCE = 'identity-bff';

export function createDevIdentity(): DevIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    mintToken: (userId, lifetimeSeconds) => mint(privateKey, userId, lifetimeSeconds),
  };
}

function mint(privateKey: KeyObject, userId: string, lifetimeSeconds: number): string {
  return sign({}, privateKey, {
    algorithm: 'ES256',
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    subject: userId,
    expiresIn: lifetimeSeconds,
  });
}
