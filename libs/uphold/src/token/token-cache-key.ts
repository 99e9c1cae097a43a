import { createHmac } from 'node:crypto';

/**
 * The Redis key of the shared token: a hash of everything that makes a token valid, keyed by the
 * secret, so a rotated secret or a new scope never reuses an old token and the key reveals nothing.
 * The digest is the key's hash tag: the token and its `:lock` live in one Redis Cluster slot.
 */
export function tokenCacheKey(input: {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  scopes?: string;
}): string {
  const scopes = (input.scopes ?? '').split(/\s+/).filter(Boolean).sort().join(' ');
  const digest = createHmac('sha256', input.clientSecret)
    .update([input.baseUrl.replace(/\/+$/, ''), input.clientId, scopes].join('\n'))
    .digest('hex');
  return `identity-bff:uphold-token:{${digest}}`;
}
