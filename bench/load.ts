import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UpdateIdentityDto } from '../apps/identity-bff/src/identity/dto/update-identity.dto';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { toUpdateIdentityRequest } from '../apps/identity-bff/src/identity/identity.mapper';
import { userToken } from '../test/support/test-keys';
import { residentMiB } from './processes';

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

/** The contract §1.1 example, and the upstream body the BFF's own mapper makes of it (the floor's). */
const IDENTITY = validIdentityRequest();
const UPSTREAM_IDENTITY = toUpdateIdentityRequest(IDENTITY as UpdateIdentityDto);

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

/** Resident memory read after 10k requests and after 90k more, each 2 s after its load stops. */
export async function residentAfter10kAnd100k(
  url: string,
  pid: number,
  requests: autocannon.Request[],
  load: LoadOptions,
): Promise<{ after10k: number; after100k: number }> {
  await drive(url, requests, { ...load, amount: 10_000 });
  await sleep(2_000);
  const after10k = residentMiB(pid);
  await drive(url, requests, { ...load, amount: 90_000 });
  await sleep(2_000);
  return { after10k, after100k: residentMiB(pid) };
}
