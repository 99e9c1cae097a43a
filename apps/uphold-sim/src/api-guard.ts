import { sendError, sendJson, type Exchange } from './http-io';
import type { TokenStore } from './token-store';

const BEARER = /^Bearer +([^\s]+)$/i;
const ON_BEHALF_OF = /^user ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const TOKEN_MESSAGES = {
  token_invalid: 'The access token is invalid',
  token_expired: 'The access token has expired',
  token_revoked: 'The access token has been revoked',
};

export function rejectToken(ex: Exchange, code: keyof typeof TOKEN_MESSAGES): void {
  sendError(ex, 401, code, TOKEN_MESSAGES[code], {
    'www-authenticate': `Bearer error="invalid_token"`,
  });
}

/**
 * Checks the bearer token, then `X-On-Behalf-Of: user <uuid>`; answers and returns undefined when either fails.
 * Docs are silent on a missing or malformed X-On-Behalf-Of for these user routes: strict, 400.
 */
export function authenticateUserCall(ex: Exchange, tokens: TokenStore): string | undefined {
  const { authorization } = ex.req.headers;
  const bearer = authorization ? BEARER.exec(authorization) : null;
  const check = bearer ? tokens.check(bearer[1]) : 'token_invalid';
  if (check !== 'valid') return void rejectToken(ex, check);

  const onBehalfOf = ex.req.headers['x-on-behalf-of'];
  const subject = typeof onBehalfOf === 'string' ? ON_BEHALF_OF.exec(onBehalfOf) : null;
  if (!subject) {
    const message = 'X-On-Behalf-Of must be "user <userId>" with a UUID';
    const errors = { 'x-on-behalf-of': [{ code: 'required', message }] };
    return void sendJson(ex, 400, { code: 'validation_failed', message, errors });
  }
  return subject[1].toLowerCase();
}
