import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import { sendError, sendJson, type Exchange } from './http-io';
import { isObject } from './validation-tree';

/** What the minted tokens carry unless the environment says otherwise (docker-compose.yml relies on these). */
export const DEV_IDP_ISSUER = 'http://uphold-sim:8080/';
export const DEV_IDP_AUDIENCE = 'identity-bff';
export const JWKS_PATH = '/.well-known/jwks.json';
export const MINT_PATH = '/__dev/tokens';
const DEFAULT_LIFETIME_SECONDS = 3600;
const MAX_LIFETIME_SECONDS = 24 * 3600;

export interface DevIdentityProviderOptions {
  issuer: string;
  audience: string;
  /** False refuses to mint (403); the JWKS is served either way (it holds only a public key). */
  mintingAllowed: boolean;
}

/**
 * The simulator's options from its environment: minting is refused under NODE_ENV=production
 * unless SIM_ALLOW_DEV_TOKENS=true says this production-built image runs a development stack.
 */
export function devIdentityProviderOptions(env: NodeJS.ProcessEnv): DevIdentityProviderOptions {
  return {
    issuer: env.SIM_DEV_ISSUER || DEV_IDP_ISSUER,
    audience: env.SIM_DEV_AUDIENCE || DEV_IDP_AUDIENCE,
    mintingAllowed: env.NODE_ENV !== 'production' || env.SIM_ALLOW_DEV_TOKENS === 'true',
  };
}

export const isDevIdentityPath = (path: string): boolean =>
  path === JWKS_PATH || path === MINT_PATH;

/**
 * A development identity provider: an ES256 key made at start (never committed), its JWKS, and
 * `POST /__dev/tokens {"sub": "<uuid>"}`, which mints an end-user token for that user.
 */
export class DevIdentityProvider {
  private readonly privateKey: KeyObject;
  private readonly kid = randomUUID();
  private readonly jwks: { keys: Record<string, unknown>[] };

  constructor(private readonly options: DevIdentityProviderOptions) {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.jwks = { keys: [{ ...jwk, kid: this.kid, alg: 'ES256', use: 'sig' }] };
  }

  /** A signed end-user token for `sub`. */
  mint(sub: string, lifetimeSeconds = DEFAULT_LIFETIME_SECONDS): string {
    return sign({}, this.privateKey, {
      algorithm: 'ES256',
      keyid: this.kid,
      issuer: this.options.issuer,
      audience: this.options.audience,
      subject: sub,
      expiresIn: lifetimeSeconds,
    });
  }

  handle(ex: Exchange, method: string, path: string): void {
    if (path === JWKS_PATH && method === 'GET') return sendJson(ex, 200, this.jwks);
    if (path === MINT_PATH && method === 'POST') return this.answerMint(ex);
    sendError(ex, 405, 'method_not_allowed', `${method} is not allowed on ${path}`);
  }

  private answerMint(ex: Exchange): void {
    if (!this.options.mintingAllowed) {
      return sendError(
        ex,
        403,
        'dev_tokens_disabled',
        'Development tokens are refused under NODE_ENV=production (SIM_ALLOW_DEV_TOKENS=true allows them)',
      );
    }
    const body = ex.json.ok && isObject(ex.json.value) ? ex.json.value : undefined;
    const sub = body?.sub;
    if (typeof sub !== 'string' || sub.trim() === '') {
      return sendError(ex, 400, 'validation_failed', 'The body must be {"sub": "<user id>"}');
    }
    const lifetime = body?.expiresIn ?? DEFAULT_LIFETIME_SECONDS;
    if (
      !Number.isInteger(lifetime) ||
      Number(lifetime) < 1 ||
      Number(lifetime) > MAX_LIFETIME_SECONDS
    ) {
      return sendError(
        ex,
        400,
        'validation_failed',
        `expiresIn must be an integer of seconds from 1 to ${MAX_LIFETIME_SECONDS}`,
      );
    }
    const seconds = Number(lifetime);
    sendJson(ex, 200, {
      access_token: this.mint(sub, seconds),
      token_type: 'Bearer',
      expires_in: seconds,
    });
  }
}
