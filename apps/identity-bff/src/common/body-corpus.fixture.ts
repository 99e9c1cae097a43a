import { CreateUploadSlotDto } from '../identity/dto/create-upload-slot.dto';
import { UpdateIdentityDto } from '../identity/dto/update-identity.dto';
import {
  validIdentityRequest,
  wrongTypedIdentityRequest,
} from '../identity/dto/update-identity.fixture';

type Json = Record<string, unknown>;
export type Dto = typeof UpdateIdentityDto | typeof CreateUploadSlotDto;
/** One request body, as the JSON text the parser reads (`undefined`: no body at all). */
export type Case = [name: string, metatype: Dto, json: string | undefined];

const ITEM = { context: 'video', fileId: '75e5be00-4264-4cec-ace6-598bff79932c' };
const UPLOAD = { context: 'photo-selfie', contentType: 'image/png' };
const CONTEXTS = ['photo-document-front', 'photo-document-back', 'photo-selfie', 'video'];
const WRONG_VALUES: [string, unknown][] = [
  ['null', null],
  ['a number', 7],
  ['a boolean', true],
  ['an empty string', ''],
  ['a string', 'text'],
  ['an empty array', []],
  ['an array of strings', ['text']],
  ['an array of empty objects', [{}]],
  ['an empty object', {}],
  ['an object with an unknown property', { extra: 1 }],
];
/** Keys a JSON body can carry that name parts of every object (`JSON.parse` makes them own keys). */
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every path of a JSON value, objects and arrays included (`''` is the root). */
function pathsOf(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Object.entries(value).flatMap(([key, child]) =>
    pathsOf(child, path ? `${path}.${key}` : key),
  );
  return [path, ...children];
}

const nodeAt = (body: unknown, path: string): unknown =>
  path === '' ? body : path.split('.').reduce((node, key) => (node as Json)[key], body);

/** A copy of `body` with the value at `path` replaced (`undefined` removes it, an item included). */
function withChange(body: Json, path: string, value: unknown): Json {
  const copy = clone(body);
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = nodeAt(copy, keys.join('.')) as Json;
  if (value !== undefined) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

/** A copy of `body` with an own `key` on the object at `path`, written as JSON.parse writes it. */
function withKey(body: Json, path: string, key: string, value: unknown): Json {
  const copy = clone(body);
  const options = { value, enumerable: true, writable: true, configurable: true };
  Object.defineProperty(nodeAt(copy, path), key, options);
  return copy;
}

function objectPathsOf(body: Json): string[] {
  return pathsOf(body).filter((path) => {
    const node = nodeAt(body, path);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
}

/** Each path of a valid body replaced by a wrong value, removed, or wrapped in or taken out of an array. */
function changesOf(metatype: Dto, body: Json): Case[] {
  return pathsOf(body)
    .filter((path) => path !== '')
    .flatMap((path): Case[] => {
      const node = nodeAt(body, path);
      const changes: [string, unknown][] = [
        ...WRONG_VALUES,
        ['removed', undefined],
        ['wrapped in an array', [node]],
        ...(Array.isArray(node) ? [['its first item', node[0]] as [string, unknown]] : []),
      ];
      return changes.map(([what, value]) => [
        `${path} ${what}`,
        metatype,
        JSON.stringify(withChange(body, path, value)),
      ]);
    });
}

/** An unknown property and each special key, with a string, an object and an array, at every level. */
function extrasOf(metatype: Dto, body: Json): Case[] {
  return objectPathsOf(body).flatMap((path) =>
    ['extra', ...SPECIAL_KEYS].flatMap((key) =>
      ['x', { a: 1 }, [1]].map((value): Case => {
        const json = JSON.stringify(withKey(body, path, key, value));
        return [`${key} = ${JSON.stringify(value)} at ${path || 'the root'}`, metatype, json];
      }),
    ),
  );
}

function topLevelOf(metatype: Dto, valid: Json): Case[] {
  const bodies: [string, unknown][] = [
    ['an empty object', {}],
    ['null', null],
    ['an empty array', []],
    ['an array of the valid body', [valid]],
    ['an array of primitives', [1, 'x', null]],
    ['a string', 'hello'],
    ['a number', 42],
    ['a boolean', false],
  ];
  return [
    ['no body', metatype, undefined],
    ...bodies.map(([what, body]): Case => [what, metatype, JSON.stringify(body)]),
  ];
}

const identity = validIdentityRequest() as Json;
const electronic = { ...withChange(identity, 'type', 'electronic-verification') };
delete electronic.media;
delete electronic.document;

const named: [string, unknown][] = [
  ['the contract example', identity],
  [
    'no type and no optional field',
    withChange(withChange(identity, 'type', undefined), 'person', {
      givenName: 'J',
      familyName: 'D',
      birthdate: '1990-01-01',
    }),
  ],
  [
    'names with white space around',
    withChange(withChange(identity, 'person.givenName', ' John\t'), 'person.familyName', '\nDoe '),
  ],
  [
    'names that are blank once trimmed',
    withChange(withChange(identity, 'person.givenName', '   '), 'person.familyName', ' \u0007 '),
  ],
  ['electronic without media and document', electronic],
  [
    'electronic with empty media and a document',
    { ...electronic, media: [], document: identity.document },
  ],
  ['electronic with media items', { ...electronic, media: [ITEM] }],
  ['electronic with a bad document', { ...electronic, document: { type: 'visa', extra: 1 } }],
  [
    'four distinct media',
    withChange(
      identity,
      'media',
      CONTEXTS.map((context) => ({ ...ITEM, context })),
    ),
  ],
  [
    'six media items',
    withChange(
      identity,
      'media',
      [...CONTEXTS, 'photo-selfie-and-document-front', 'video'].map((context) => ({
        ...ITEM,
        context,
      })),
    ),
  ],
  ['a repeated media context', withChange(identity, 'media', [ITEM, ITEM])],
  [
    'media items that are null, strings, numbers and arrays',
    withChange(identity, 'media', [null, 'video', 3, [], [ITEM], [[ITEM, { context: 1 }]]]),
  ],
  [
    'media items with bad and unknown fields',
    withChange(identity, 'media', [
      { ...ITEM, fileId: 'x', size: 1 },
      { context: 'photo-passport' },
      {},
      { ...ITEM, context: 'video', extra: { a: [1] } },
    ]),
  ],
  [
    'twenty bad media items',
    withChange(
      identity,
      'media',
      Array.from({ length: 20 }, (_, i) => (i % 2 ? { context: i } : [i])),
    ),
  ],
  [
    'person and document as arrays of bad objects',
    withChange(withChange(identity, 'person', [{ givenName: 1, extra: 2 }]), 'document', [
      [{ type: 'visa' }],
      'x',
    ]),
  ],
  [
    'an address as an array of bad addresses',
    withChange(identity, 'person.address', [{ country: 'gb', extra: 1 }, null]),
  ],
  ['every field of the wrong type', wrongTypedIdentityRequest()],
  [
    'every violation at once, nested unknown properties too',
    withKey(
      withChange(withChange(identity, 'provider', 'Bad'), 'person.address.city', ''),
      'person.address',
      'floor',
      3,
    ),
  ],
];

const UPLOAD_NAMED: [string, unknown][] = [
  ['a valid slot', UPLOAD],
  ['a content type the context does not allow', { context: 'video', contentType: 'image/png' }],
  ['an unknown context', { context: 'photo-passport', contentType: 'image/png' }],
  ['wrong types and an unknown property', { context: 7, contentType: ['image/png'], size: 1 }],
];

/** Request bodies, valid and invalid in every way the DTOs can be, for the body pipe's specs. */
export const CORPUS: Case[] = [
  ...named.map(([name, body]): Case => [name, UpdateIdentityDto, JSON.stringify(body)]),
  ...changesOf(UpdateIdentityDto, identity),
  ...changesOf(UpdateIdentityDto, electronic),
  ...extrasOf(UpdateIdentityDto, identity),
  ...topLevelOf(UpdateIdentityDto, identity),
  ...UPLOAD_NAMED.map(([name, body]): Case => [
    `upload: ${name}`,
    CreateUploadSlotDto,
    JSON.stringify(body),
  ]),
  ...changesOf(CreateUploadSlotDto, UPLOAD).map(([name, ...rest]): Case => [
    `upload: ${name}`,
    ...rest,
  ]),
  ...extrasOf(CreateUploadSlotDto, UPLOAD).map(([name, ...rest]): Case => [
    `upload: ${name}`,
    ...rest,
  ]),
  ...topLevelOf(CreateUploadSlotDto, UPLOAD).map(([name, ...rest]): Case => [
    `upload: ${name}`,
    ...rest,
  ]),
];
