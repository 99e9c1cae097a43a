/** Shared helpers for the simulator's specs (real HTTP against a simulator on port 0). */
import { basicCredentials } from '@app/uphold';
import type { UpdateIdentityRequest } from '../../../libs/uphold/src/uphold.types';
import { UpholdSimulator, type SimulatorOptions } from '../src';

export const CLIENT_ID = 'bff-client';
export const CLIENT_SECRET = 'top-secret';
export const USER_ID = '3f1c2a4e-8b7d-4c2e-9a1f-0d5b6c7e8f90';

/** `Authorization: Basic` as RFC 6749 §2.3.1 builds it: the BFF's own encoder, so both sides meet here. */
export const basicAuth = basicCredentials;

export async function startSimulator(
  options: Partial<SimulatorOptions> = {},
): Promise<UpholdSimulator> {
  const simulator = new UpholdSimulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    ...options,
  });
  await simulator.start();
  return simulator;
}

export function requestToken(
  simulator: UpholdSimulator,
  authorization = basicAuth(CLIENT_ID, CLIENT_SECRET),
  body = 'grant_type=client_credentials',
): Promise<Response> {
  return fetch(`${simulator.url}/core/oauth2/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export async function fetchToken(simulator: UpholdSimulator): Promise<string> {
  const response = await requestToken(simulator);
  const { access_token } = (await response.json()) as { access_token: string };
  return access_token;
}

export const apiHeaders = (token: string, userId = USER_ID): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  'x-on-behalf-of': `user ${userId}`,
  accept: 'application/json',
});

export function getKyc(
  simulator: UpholdSimulator,
  token: string,
  query = '?detailed=identity',
): Promise<Response> {
  return fetch(`${simulator.url}/core/kyc${query}`, { headers: apiHeaders(token) });
}

export function sendJsonTo(
  simulator: UpholdSimulator,
  method: 'PATCH' | 'POST',
  path: string,
  token: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${simulator.url}${path}`, {
    method,
    headers: { ...apiHeaders(token), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The example of the doc page, with the address of its answer. */
export const validIdentity = (): UpdateIdentityRequest => ({
  input: { media: [{ context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' }] },
  output: {
    provider: 'veriff',
    document: { type: 'passport', number: '7700225VH', country: 'GB', expiresAt: '2026-03-13' },
    person: {
      givenName: 'John',
      familyName: 'Doe',
      birthdate: '1987-09-04',
      gender: 'male',
      address: {
        country: 'GB',
        subdivision: 'GB-MAN',
        city: 'Manchester',
        line1: '1 High Street',
        line2: 'Northern Quarter',
        postalCode: 'M4 1AA',
      },
    },
    verifiedAt: '2020-01-01T00:00:00Z',
  },
});
