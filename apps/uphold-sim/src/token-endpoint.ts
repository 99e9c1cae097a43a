import { timingSafeEqual } from 'node:crypto';
import { mediaType, sendJson, type Exchange } from './http-io';
import type { TokenStore } from './token-store';
import type { AccessTokenAnswer } from './upstream-shapes';

export interface TokenEndpointState {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenLifetimeSeconds: number;
  readonly tokens: TokenStore;
}

// The scopes a token gets when none is requested (docs name only act-on-behalf-of; the rest are plausible).
export const DEFAULT_SCOPE =
  'core.kyc:read core.kyc:write core.files:write core.users:act-on-behalf-of';
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/;
const BASIC = /^Basic +([A-Za-z0-9+/]+={0,2})$/i;
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** application/x-www-form-urlencoded decoding of one credential part: `+` is a space, then percent-decoding. */
function formDecode(part: string): string {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}

/** Client credentials from `Authorization: Basic` as RFC 6749 §2.3.1 encodes them; null when unreadable. */
export function parseBasicCredentials(
  header: string | undefined,
): { id: string; secret: string } | null {
  const match = header ? BASIC.exec(header.trim()) : null;
  if (!match || match[1].length % 4 !== 0) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  try {
    return {
      id: formDecode(decoded.slice(0, colon)),
      secret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return null; // malformed percent-encoding
  }
}

function constantTimeEqual(actual: string, expected: string): boolean {
  const a = Buffer.from(actual);
  const b = Buffer.from(expected);
  if (a.length !== b.length) {
    timingSafeEqual(b, b); // same work whatever the length
    return false;
  }
  return timingSafeEqual(a, b);
}

function oauthError(
  ex: Exchange,
  status: number,
  error: string,
  headers?: Record<string, string>,
): void {
  sendJson(ex, status, { error }, { ...NO_STORE, ...headers });
}

/** POST /core/oauth2/token: the client-credentials grant. */
export function handleTokenRequest(ex: Exchange, state: TokenEndpointState): void {
  if (mediaType(ex.req.headers['content-type']) !== 'application/x-www-form-urlencoded')
    return oauthError(ex, 400, 'invalid_request');
  const client = parseBasicCredentials(ex.req.headers.authorization);
  const idMatches = constantTimeEqual(client?.id ?? '', state.clientId);
  const secretMatches = constantTimeEqual(client?.secret ?? '', state.clientSecret);
  if (!client || !idMatches || !secretMatches)
    return oauthError(ex, 401, 'invalid_client', { 'www-authenticate': 'Basic realm="uphold"' });

  const form = new URLSearchParams(ex.rawBody);
  const names = [...form.keys()];
  if (new Set(names).size !== names.length) return oauthError(ex, 400, 'invalid_request'); // RFC 6749 §3.2
  const grantType = form.get('grant_type');
  if (grantType === null) return oauthError(ex, 400, 'invalid_request');
  if (grantType !== 'client_credentials') return oauthError(ex, 400, 'unsupported_grant_type');
  const requested = form.get('scope');
  if (requested !== null && !SCOPE.test(requested)) return oauthError(ex, 400, 'invalid_scope');

  const scope = requested ?? DEFAULT_SCOPE;
  const lifetime = state.tokenLifetimeSeconds;
  const answer: AccessTokenAnswer = {
    access_token: state.tokens.issue(state.clientId, scope, lifetime),
    expires_in: lifetime,
    token_type: 'Bearer',
    scope,
  };
  sendJson(ex, 200, answer, NO_STORE);
}
