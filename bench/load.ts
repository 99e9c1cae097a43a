import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { userToken } from '../test/support/test-keys';

export type Route = 'PATCH' | 'GET';

export interface LoadOptions {
  connections: number;
  durationSeconds?: number;
  amount?: number;
}

export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failures: number;
}

const IDENTITY = {
  type: 'document-submission',
  media: [
    { context: 'photo-document-front', fileId: '75e5be00-4264-4cec-ace6-598bff79932c' },
    { context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' },
  ],
  provider: 'veriff',
  verifiedAt: '2020-01-01T00:00:00Z',
  document: { type: 'passport', number: '7700225VH', country: 'GB', expiresAt: '2026-03-13' },
  person: {
    givenName: 'John',
    familyName: 'Doe',
    birthdate: '1987-09-04',
    gender: 'male',
    address: { country: 'GB', subdivision: 'GB-MAN', city: 'Manchester', line1: '1 High Street' },
  },
};
const { type, media, provider, verifiedAt, document, person } = IDENTITY;
const UPSTREAM_IDENTITY = {
  type,
  input: { media },
  output: { provider, document, person, verifiedAt },
};

/** Many users: one signed JWT (valid for 3 hours) per user, rotated across requests. */
export function signUserTokens(count: number): string[] {
  return Array.from({ length: count }, () =>
    userToken({}, { sub: randomUUID(), exp: nowSeconds() + 3 * 3600 }),
  );
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The first-party requests (BFF and baseline alike), one per user token. */
export function firstPartyRequests(route: Route, tokens: string[]): autocannon.Request[] {
  return tokens.map((token) => ({
    method: route,
    path: '/me/identity',
    headers: {
      authorization: `Bearer ${token}`,
      ...(route === 'PATCH' && { 'content-type': 'application/json' }),
    },
    ...(route === 'PATCH' && { body: JSON.stringify(IDENTITY) }),
  }));
}

/** The already-mapped upstream request, sent to the simulator directly (the floor). */
export function upstreamRequests(
  route: Route,
  accessToken: string,
  userId: string,
): autocannon.Request[] {
  const headers = {
    authorization: `Bearer ${accessToken}`,
    'x-on-behalf-of': `user ${userId}`,
    accept: 'application/json',
  };
  return route === 'GET'
    ? [{ method: 'GET', path: '/core/kyc?detailed=identity', headers }]
    : [
        {
          method: 'PATCH',
          path: '/core/kyc/processes/identity',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(UPSTREAM_IDENTITY),
        },
      ];
}

/** One autocannon run; failures are connection errors, timeouts and non-2xx answers. */
export async function drive(
  url: string,
  requests: autocannon.Request[],
  options: LoadOptions,
): Promise<Measured> {
  const result = await autocannon({
    url,
    requests,
    connections: options.connections,
    duration: options.durationSeconds ?? 10,
    amount: options.amount,
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
