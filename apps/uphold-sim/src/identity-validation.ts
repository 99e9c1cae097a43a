import type { FieldErrorTree, IdentityUpdateBody, MediaContext } from './upstream-shapes';
import { ErrorTree, isCalendarDate, isDateTime, isUuid, type JsonObject } from './validation-tree';

export const IDENTITY_TYPES = ['document-submission', 'electronic-verification'] as const;
export const MEDIA_CONTEXTS: readonly MediaContext[] = [
  'photo-document-front',
  'photo-document-back',
  'photo-selfie',
  'photo-selfie-and-document-front',
  'video',
];
export const DOCUMENT_TYPES = ['driving-license', 'id-card', 'passport', 'residence-permit'];
export const GENDERS = ['female', 'male'];
const NAME_MAX = 200;
const COUNTRY = /^[A-Z]{2}$/;
const SUBDIVISION = /^([A-Z]{2})-[A-Z0-9]{1,3}$/;
const isCountry = (v: unknown): boolean => typeof v === 'string' && COUNTRY.test(v);

export type IdentityValidation =
  { ok: true; value: IdentityUpdateBody } | { ok: false; errors: FieldErrorTree; count: number };

/** Validates a PATCH /core/kyc/processes/identity body as the doc page describes it, collecting every violation. */
export function validateIdentityUpdate(body: unknown): IdentityValidation {
  const tree = new ErrorTree();
  const root = tree.requireObject(['body'], body);
  if (root) {
    tree.rejectUnknown([], root, ['type', 'input', 'output']);
    if (root.type !== undefined) tree.requireChoice(['type'], root.type, IDENTITY_TYPES);
    const electronic = root.type === 'electronic-verification';
    checkInput(tree, root.input, electronic);
    checkOutput(tree, root.output, electronic);
  }
  if (tree.count > 0) return { ok: false, errors: tree.root, count: tree.count };
  return { ok: true, value: body as IdentityUpdateBody };
}

// The docs say media "must be passed"; an electronic verification may come without any (docs silent: strict otherwise).
function checkInput(tree: ErrorTree, value: unknown, electronic: boolean): void {
  if (value === undefined && electronic) return;
  const input = tree.requireObject(['input'], value);
  if (!input) return;
  tree.rejectUnknown(['input'], input, ['media']);
  const media = input.media;
  if (media === undefined && electronic) return;
  if (!Array.isArray(media)) {
    const code = media === undefined ? 'required' : 'invalid';
    return tree.add(['input', 'media'], code, 'This value must be an array of media files');
  }
  if (media.length === 0 && !electronic)
    return tree.add(['input', 'media'], 'required', 'At least one media file is required');
  const seen = new Set<unknown>();
  media.forEach((item: unknown, index) => {
    const path = ['input', 'media', String(index)];
    const entry = tree.requireObject(path, item);
    if (!entry) return;
    tree.rejectUnknown(path, entry, ['context', 'fileId']);
    // Docs silent on repeated contexts: strict, each context at most once.
    if (
      tree.requireChoice([...path, 'context'], entry.context, MEDIA_CONTEXTS) &&
      seen.has(entry.context)
    )
      tree.add([...path, 'context'], 'duplicate', 'This context is already present');
    seen.add(entry.context);
    tree.requireFormat([...path, 'fileId'], entry.fileId, isUuid, 'a UUID');
  });
}

function checkOutput(tree: ErrorTree, value: unknown, electronic: boolean): void {
  const output = tree.requireObject(['output'], value);
  if (!output) return;
  tree.rejectUnknown(['output'], output, ['provider', 'document', 'person', 'verifiedAt']);
  tree.requireString(['output', 'provider'], output.provider);
  if (!(output.document === undefined && electronic)) checkDocument(tree, output.document);
  checkPerson(tree, output.person);
  tree.requireFormat(
    ['output', 'verifiedAt'],
    output.verifiedAt,
    isDateTime,
    'an ISO 8601 date-time',
  );
}

function checkDocument(tree: ErrorTree, value: unknown): void {
  const path = ['output', 'document'];
  const document = tree.requireObject(path, value);
  if (!document) return;
  tree.rejectUnknown(path, document, ['type', 'number', 'country', 'expiresAt']);
  tree.requireChoice([...path, 'type'], document.type, DOCUMENT_TYPES);
  tree.requireString([...path, 'number'], document.number);
  tree.requireFormat(
    [...path, 'country'],
    document.country,
    isCountry,
    'an ISO 3166-1 alpha-2 code',
  );
  if (document.expiresAt !== undefined)
    tree.requireFormat(
      [...path, 'expiresAt'],
      document.expiresAt,
      isCalendarDate,
      'a date (YYYY-MM-DD)',
    );
}

function checkPerson(tree: ErrorTree, value: unknown): void {
  const path = ['output', 'person'];
  const person = tree.requireObject(path, value);
  if (!person) return;
  tree.rejectUnknown(path, person, ['givenName', 'familyName', 'birthdate', 'gender', 'address']);
  tree.requireString([...path, 'givenName'], person.givenName, NAME_MAX);
  tree.requireString([...path, 'familyName'], person.familyName, NAME_MAX);
  tree.requireFormat(
    [...path, 'birthdate'],
    person.birthdate,
    isCalendarDate,
    'a date (YYYY-MM-DD)',
  );
  if (person.gender !== undefined) tree.requireChoice([...path, 'gender'], person.gender, GENDERS);
  if (person.address !== undefined) checkAddress(tree, [...path, 'address'], person.address);
}

// Docs silent on address lengths and subdivision format: strict (at most 200 characters, ISO 3166-2 of the country).
function checkAddress(tree: ErrorTree, path: string[], value: unknown): void {
  const address: JsonObject | undefined = tree.requireObject(path, value);
  if (!address) return;
  const keys = ['country', 'subdivision', 'city', 'line1', 'line2', 'postalCode'];
  tree.rejectUnknown(path, address, keys);
  tree.requireFormat(
    [...path, 'country'],
    address.country,
    isCountry,
    'an ISO 3166-1 alpha-2 code',
  );
  for (const key of ['city', 'line1']) tree.requireString([...path, key], address[key], NAME_MAX);
  for (const key of ['line2', 'postalCode'])
    if (address[key] !== undefined) tree.requireString([...path, key], address[key], NAME_MAX);
  const subdivision = address.subdivision;
  if (subdivision === undefined) return;
  const match = typeof subdivision === 'string' ? SUBDIVISION.exec(subdivision) : null;
  if (!match || (isCountry(address.country) && match[1] !== address.country))
    tree.add(
      [...path, 'subdivision'],
      'invalid',
      'This value must be an ISO 3166-2 code of the country',
    );
}
