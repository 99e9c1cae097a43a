import Busboy, { type BusboyInstance } from '@fastify/busboy';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FileBook, SimFile } from './file-book';
import { mediaType } from './http-io';
import { sendStorageError, sendStored, type StorageErrorCode } from './storage-answers';

/** The path of an upload slot's URL, and the slot id in it. */
export const UPLOAD_PATH_PREFIX = '/uploads/';
const UPLOAD_PATH = /^\/uploads\/([^/]+)$/;
export const uploadIdOf = (path: string): string | undefined => UPLOAD_PATH.exec(path)?.[1];

// Room for the form fields and part headers around the file, when judging a declared Content-Length.
const FORM_OVERHEAD_BYTES = 64 * 1024;
const MAX_FIELD_BYTES = 8 * 1024;
const MAX_FIELDS = 20;

type Refusal = [status: number, code: StorageErrorCode, message: string];

const policyFailed = (condition: string): Refusal => [
  403,
  'AccessDenied',
  `Invalid according to Policy: Policy Condition failed: ${condition}`,
];
const ONE_FILE: Refusal = [
  400,
  'InvalidArgument',
  'POST requires exactly one file upload per request.',
];

/** Why the slot takes no upload now; undefined when it does. */
function slotRefusal(file: SimFile | undefined, now: number): Refusal | undefined {
  // An S3-style storage cannot tell an unknown key from a forged policy: 403, never 404.
  if (!file || file.ownerId === undefined)
    return [403, 'AccessDenied', 'Invalid according to Policy: no upload slot with this key.'];
  // Docs silent on reusing a slot: strict, one upload per slot.
  if (file.status !== 'pending')
    return [403, 'AccessDenied', 'Invalid according to Policy: this upload slot has been used.'];
  if (now >= file.expiresAt)
    return [403, 'AccessDenied', 'Invalid according to Policy: Policy expired.'];
  return undefined;
}

/**
 * The form fields must be exactly the slot's formData, each once, none missing, none extra, and the
 * file part must declare the slot's content type (strict: S3 itself would only check the field).
 */
function formRefusal(
  file: SimFile,
  fields: Map<string, string>,
  partType: string,
): Refusal | undefined {
  for (const [name, value] of Object.entries(file.formData))
    if (fields.get(name) !== value) return policyFailed(`["eq", "$${name}", "${value}"]`);
  const extra = [...fields.keys()].filter((name) => !(name in file.formData));
  if (extra.length > 0)
    return [
      403,
      'AccessDenied',
      `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`,
    ];
  if (mediaType(partType) !== file.contentType)
    return policyFailed(`the file part is ${partType}, the slot takes ${file.contentType}`);
  return undefined;
}

/**
 * POST <upload.url>: an S3-style presigned form POST, multipart/form-data with every formData field
 * and then the file (field `file`). Streams: the file's bytes are counted and hashed, never kept.
 * Answers 204 and marks the file `uploaded`, or a 4xx XML error as S3 would.
 */
export function receiveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  files: FileBook,
  headers: Record<string, string>,
): void {
  const file = files.get(id);
  const refuse = ([status, code, message]: Refusal): void =>
    sendStorageError(res, status, code, message, headers);
  const refusal = slotRefusal(file, Date.now());
  if (refusal || !file) return refuse(refusal ?? ONE_FILE);
  const contentType = req.headers['content-type'];
  if (mediaType(contentType) !== 'multipart/form-data' || contentType === undefined)
    return refuse([
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    ]);
  const declared = Number(req.headers['content-length']);
  if (declared > file.maxBytes + FORM_OVERHEAD_BYTES)
    return refuse([400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size']);

  let busboy: BusboyInstance;
  try {
    busboy = Busboy({
      headers: { ...req.headers, 'content-type': contentType },
      limits: { fileSize: file.maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    });
  } catch {
    return refuse([
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    ]);
  }

  const fields = new Map<string, string>();
  let fileSeen = false;
  let size = 0;
  const md5 = createHash('md5');
  let settled = false;
  const settle = (answer: () => void): void => {
    if (settled) return;
    settled = true;
    req.unpipe(busboy);
    req.resume(); // whatever is left of the body is read and dropped
    answer();
  };
  const fail = (refusal: Refusal): void => settle(() => refuse(refusal));

  busboy.on('field', (name, value, nameTruncated, valueTruncated) => {
    // S3 ignores fields after the file; strict: they are refused, since the policy was judged without them.
    if (fileSeen)
      return fail([
        400,
        'InvalidArgument',
        `Field ${name} comes after the file; send every field before it.`,
      ]);
    if (nameTruncated || valueTruncated)
      return fail([400, 'InvalidArgument', `Field ${name} is too long.`]);
    if (fields.has(name))
      return fail([400, 'InvalidArgument', `Field ${name} is given more than once.`]);
    fields.set(name, value);
  });
  busboy.on('file', (name, stream, _filename, _encoding, partType) => {
    fileSeen = true;
    const problem =
      name === 'file'
        ? formRefusal(file, fields, partType)
        : ([400, 'InvalidArgument', 'The file must be sent in the field named "file".'] as Refusal);
    if (problem) {
      stream.resume();
      return fail(problem);
    }
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      md5.update(chunk);
    });
    stream.on('limit', () =>
      fail([400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size']),
    );
  });
  busboy.on('filesLimit', () => fail(ONE_FILE));
  busboy.on('fieldsLimit', () => fail([400, 'InvalidArgument', `At most ${MAX_FIELDS} fields.`]));
  busboy.on('error', () =>
    fail([
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    ]),
  );
  busboy.on('finish', () => {
    if (!fileSeen) return fail(ONE_FILE);
    if (size === 0)
      return fail([
        400,
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size',
      ]);
    const used = slotRefusal(file, 0); // another upload to the same slot may have finished meanwhile
    if (used) return fail(used);
    const etag = md5.digest('hex');
    settle(() => {
      files.markUploaded(file, size);
      sendStored(res, etag, `${UPLOAD_PATH_PREFIX}${file.id}`, headers);
    });
  });
  req.pipe(busboy);
}
