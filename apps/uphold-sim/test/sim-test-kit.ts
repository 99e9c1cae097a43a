/** Shared helpers for the simulator's specs (real HTTP against a simulator on port 0). */
import { UpholdSimulator, type SimulatorOptions } from '../src';
import type { FileAnswer, IdentityUpdateBody, MediaFile } from '../src/upstream-shapes';

export const CLIENT_ID = 'bff-client';
export const CLIENT_SECRET = 'top-secret';
export const USER_ID = '3f1c2a4e-8b7d-4c2e-9a1f-0d5b6c7e8f90';

/**
 * RFC 6749 §2.3.1 and appendix B, written here, not borrowed from the BFF: UTF-8, then the HTML 4.01
 * form encoding (space → `+`, every other byte but letters and digits → `%HH`).
 */
export function formEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9]/.test(char)) encoded += char;
    else if (char === ' ') encoded += '+';
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** `Authorization: Basic base64(formEncode(id) ":" formEncode(secret))`. */
export const basicAuth = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${formEncode(id)}:${formEncode(secret)}`).toString('base64')}`;

export async function startSimulator(
  options: Partial<SimulatorOptions> = {},
): Promise<UpholdSimulator> {
  const simulator = new UpholdSimulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    uploadedFileIds: [EXAMPLE_FILE_ID],
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

/** The file id of the doc page's example; the specs' simulators preload it as uploaded. */
export const EXAMPLE_FILE_ID = '470b2192-893f-4ce6-9daa-816d4c319a84';

/** The example of the doc page, with the address of its answer. */
export const validIdentity = (): IdentityUpdateBody & { input: { media: MediaFile[] } } => ({
  input: { media: [{ context: 'photo-selfie', fileId: EXAMPLE_FILE_ID }] },
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

/** Reserves an upload slot for USER_ID (201 expected) and gives the file with its form. */
export async function createSlot(
  simulator: UpholdSimulator,
  token: string,
  category = 'image',
  contentType = 'image/png',
): Promise<FileAnswer['file']> {
  const response = await sendJsonTo(simulator, 'POST', '/core/files', token, {
    category,
    contentType,
  });
  if (response.status !== 201) throw new Error(`POST /core/files answered ${response.status}`);
  return ((await response.json()) as FileAnswer).file;
}

export interface UploadForm {
  fields: Record<string, string>;
  /** The file part: its bytes, its declared type and its field name (default `file`). */
  file?: { bytes: Uint8Array | string; type: string; field?: string };
  /** Fields sent after the file. */
  trailing?: Record<string, string>;
}

/** A multipart/form-data POST to an upload URL, fields in order, then the file. */
export function postForm(
  url: string,
  form: UploadForm,
  headers?: Record<string, string>,
): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  if (form.file) {
    const { bytes, type, field = 'file' } = form.file;
    body.append(field, new Blob([bytes], { type }), 'upload.bin');
  }
  for (const [name, value] of Object.entries(form.trailing ?? {})) body.append(name, value);
  return fetch(url, { method: 'POST', body, headers });
}

/** Uploads `bytes` through the slot with every formData field, as a client should. */
export function upload(
  slot: FileAnswer['file'],
  bytes: Uint8Array | string = 'png bytes',
): Promise<Response> {
  return postForm(slot.upload.url, {
    fields: slot.upload.formData,
    file: { bytes, type: slot.contentType },
  });
}
