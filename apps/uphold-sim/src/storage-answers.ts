import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The error codes an S3-style storage answers a form POST with. */
export type StorageErrorCode =
  | 'AccessDenied'
  | 'EntityTooLarge'
  | 'EntityTooSmall'
  | 'InvalidArgument'
  | 'MalformedPOSTRequest'
  | 'MethodNotAllowed'
  | 'ServiceUnavailable'
  | 'InternalError';

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function storageHeaders(extra?: Record<string, string>): Record<string, string> {
  return { 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16), ...extra };
}

/** An S3-style XML error; the connection stays usable (node discards what is left of the body). */
export function sendStorageError(
  res: ServerResponse,
  status: number,
  code: StorageErrorCode,
  message: string,
  headers?: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return;
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    ...storageHeaders(headers),
  });
  res.end(body);
}

/** 204 No Content, what an S3 form POST answers by default (no success_action_status). */
export function sendStored(
  res: ServerResponse,
  etag: string,
  location: string,
  headers?: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(204, storageHeaders({ etag: `"${etag}"`, location, ...headers }));
  res.end();
}

/**
 * CORS for the upload URL, as a bucket's CORS rules would give it: only the listed origins, only POST.
 * Returns the headers the answer carries (empty when the request has no Origin or an unlisted one).
 */
export function uploadCorsHeaders(
  req: IncomingMessage,
  origins: readonly string[],
): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !origins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'ETag, Location, x-amz-request-id',
    vary: 'Origin',
  };
}

/** Answers a CORS preflight for the upload URL: 200 for a listed origin asking for POST, else 403. */
export function answerUploadPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  origins: readonly string[],
): void {
  const cors = uploadCorsHeaders(req, origins);
  const method = req.headers['access-control-request-method'];
  if (!cors['access-control-allow-origin'] || method !== 'POST') {
    return sendStorageError(
      res,
      403,
      'AccessDenied',
      'CORSResponse: This CORS request is not allowed.',
    );
  }
  const requested = req.headers['access-control-request-headers'];
  res.writeHead(200, {
    ...storageHeaders(cors),
    'access-control-allow-methods': 'POST',
    ...(requested && { 'access-control-allow-headers': requested }),
    'access-control-max-age': '600',
    'content-length': 0,
  });
  res.end();
}
