import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false };

/** One request being answered, with its body already read. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly rawBody: string;
  /** The body parsed as JSON; `ok: false` when it is not valid JSON. */
  readonly json: JsonBody;
  /** Headers a fault adds to whatever the answer is. */
  readonly extraHeaders?: Record<string, string>;
}

export type ReadBody = { raw: string; tooLarge: boolean } | null;

/** Reads the whole body; past the limit it keeps draining but drops the bytes. Null when aborted. */
export function readBody(req: IncomingMessage): Promise<ReadBody> {
  const { headers } = req;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
    return Promise.resolve({ raw: '', tooLarge: false });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve({ raw: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }),
    );
    req.on('error', () => resolve(null));
    req.on('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

export function parseJson(raw: string): JsonBody {
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string {
  if (!header) return '';
  const semi = header.indexOf(';');
  return (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
}

export function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [key, value] of query) {
    const prior = record[key];
    record[key] =
      prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  return record;
}

function writeAnswer(
  ex: Pick<Exchange, 'res' | 'extraHeaders'>,
  status: number,
  payload: string,
  headers?: Record<string, string>,
): void {
  const { res } = ex;
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-uphold-request-id': randomUUID(),
    ...headers,
    ...ex.extraHeaders,
  });
  res.end(payload);
}

/** Answers with a JSON body; every answer carries a fresh X-Uphold-Request-Id. */
export function sendJson(
  ex: Pick<Exchange, 'res' | 'extraHeaders'>,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  writeAnswer(ex, status, JSON.stringify(body), headers);
}

/** Answers 200 with a JSON content type and a body that is not valid JSON. */
export function sendMalformedJson(ex: Pick<Exchange, 'res' | 'extraHeaders'>): void {
  writeAnswer(ex, 200, '{"identity": {"status": "ok", "input": ');
}

export function sendError(
  ex: Pick<Exchange, 'res' | 'extraHeaders'>,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void {
  sendJson(ex, status, { code, message }, headers);
}

/** Rejects bodies that are not JSON (415) or not parseable (400); returns the parsed value otherwise. */
export function requireJsonBody(ex: Exchange): { value: unknown } | undefined {
  if (mediaType(ex.req.headers['content-type']) !== 'application/json')
    return void sendError(ex, 415, 'unsupported_media_type', 'The body must be application/json');
  if (!ex.json.ok) return void sendError(ex, 400, 'invalid_json', 'The body is not valid JSON');
  return { value: ex.json.value };
}

/** 400 validation_failed with the nested field errors. */
export function sendValidationFailed(ex: Exchange, errors: unknown, count: number): void {
  const message = `The request is invalid (${count} error${count === 1 ? '' : 's'})`;
  sendJson(ex, 400, { code: 'validation_failed', message, errors });
}
