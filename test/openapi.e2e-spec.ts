import { ValidationPipe } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { PROBLEM_CODES } from '../apps/identity-bff/src/common/problem.exception';
import { validationPipeOptions } from '../apps/identity-bff/src/common/validation-pipe.options';
import { CreateUploadSlotDto } from '../apps/identity-bff/src/identity/dto/create-upload-slot.dto';
import { UpdateIdentityDto } from '../apps/identity-bff/src/identity/dto/update-identity.dto';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import {
  CLIENT_TYPES_PATH,
  renderClientTypes,
} from '../apps/identity-bff/src/openapi/client-types';
import { buildOpenApiJson } from '../apps/identity-bff/src/openapi/write-openapi';
import { useSimulatorAndBff } from './support/bff';
import { OPENAPI, pointer, requestBodyAt, schemaErrors } from './support/openapi-schema';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks openapi.json freely
type Json = Record<string, any>;

const ROOT = join(__dirname, '..');
const COMMITTED = join(ROOT, 'openapi.json');
const document = OPENAPI as Json;

/** The first line where two texts differ, for a readable failure. */
function firstDifference(expected: string, actual: string): string | undefined {
  if (expected === actual) return undefined;
  const [ours, theirs] = [expected.split('\n'), actual.split('\n')];
  const line = ours.findIndex((text, index) => text !== theirs[index]);
  const at = line === -1 ? ours.length : line;
  return `line ${at + 1} (generated: ${ours[at]?.trim()})`;
}

function operations(): [string, string, Json][] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, operation]): [string, string, Json] => [
      path,
      method,
      operation as Json,
    ]),
  );
}

const schemaOf = (name: string): Json => document.components.schemas[name] as Json;

describe('openapi.json and the typed client', () => {
  it('openapi.json is what the code describes (else: run npm run openapi and commit it)', async () => {
    const difference = firstDifference(await buildOpenApiJson(), readFileSync(COMMITTED, 'utf8'));
    expect(difference).toBeUndefined();
  });

  it('the client types are generated from openapi.json (else: run npm run openapi)', async () => {
    const generated = await renderClientTypes(readFileSync(COMMITTED, 'utf8'));
    const committed = readFileSync(join(ROOT, CLIENT_TYPES_PATH), 'utf8');
    expect(firstDifference(generated, committed)).toBeUndefined();
  });

  it('renders an open enum as its known values plus any string', () => {
    const types = readFileSync(join(ROOT, CLIENT_TYPES_PATH), 'utf8').replace(/\s/g, '');
    expect(types).toContain(
      "status:'ok'|'failed'|'processing'|'pending'|'exempt'|(string&Record<never,never>);",
    );
  });
});

describe('the operations', () => {
  it('have stable operationIds and summaries', () => {
    const ids = Object.fromEntries(
      operations().map(([path, method, operation]) => [`${method} ${path}`, operation.operationId]),
    );
    expect(ids).toStrictEqual({
      'get /health/live': 'getLiveness',
      'get /health/ready': 'getReadiness',
      'get /me/identity': 'getIdentity',
      'patch /me/identity': 'updateIdentity',
      'post /me/identity/files': 'createUploadSlot',
      'get /metrics': 'getMetrics',
    });
    for (const [, , operation] of operations())
      expect(operation.summary).toEqual(expect.any(String));
  });

  it('need the bearer JWT, but for the public probes and metrics', () => {
    expect(document.security).toStrictEqual([{ bearer: [] }]);
    for (const [path, , operation] of operations()) {
      const expected = path.startsWith('/me/') ? [{ bearer: [] }] : [];
      expect([path, operation.security]).toStrictEqual([path, expected]);
    }
  });

  it('name a server whose origin can be set', () => {
    expect(document.servers).toStrictEqual([
      expect.objectContaining({
        url: '{origin}',
        variables: { origin: expect.objectContaining({ default: 'http://localhost:3000' }) },
      }),
    ]);
  });

  it('declare X-Request-Id on every response, X-Upstream-Request-Id on successes', () => {
    expect(Object.keys(document.components.headers).sort()).toStrictEqual([
      'Retry-After',
      'WWW-Authenticate',
      'X-Request-Id',
      'X-Upstream-Request-Id',
    ]);
    for (const [path, method, operation] of operations()) {
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        expect([path, method, status, response.headers['X-Request-Id']]).toStrictEqual([
          path,
          method,
          status,
          { $ref: '#/components/headers/X-Request-Id' },
        ]);
        if (path.startsWith('/me/') && status.startsWith('2')) {
          expect(response.headers['X-Upstream-Request-Id']).toBeDefined();
        }
      }
    }
  });

  it('declare Retry-After on 429 and 503, WWW-Authenticate on 401', () => {
    for (const [, , operation] of operations().filter(([path]) => path.startsWith('/me/'))) {
      const headersOf = (status: string) => Object.keys(operation.responses[status].headers);
      expect(headersOf('429')).toContain('Retry-After');
      expect(headersOf('503')).toContain('Retry-After');
      expect(headersOf('401')).toContain('WWW-Authenticate');
    }
  });

  it('document every error as problem+json with one example per code, each a valid problem', () => {
    const seen = new Set<string>();
    const patch = document.paths['/me/identity'].patch;
    expect(Object.keys(patch.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '408', '409', '413', '414', '415', '422', '429'].concat([
        '431',
        '500',
        '502',
        '503',
        '504',
      ]),
    );
    for (const [, , operation] of operations().filter(([path]) => path.startsWith('/me/'))) {
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        if (Number(status) < 400) continue;
        const media = response.content['application/problem+json'];
        expect(media.schema).toStrictEqual({ $ref: '#/components/schemas/Problem' });
        for (const [code, example] of Object.entries(media.examples as Json)) {
          seen.add(code);
          expect(example.value).toMatchObject({ code, status: Number(status) });
          expect(response.description).toContain(`\`${code}\``);
          expect(schemaErrors(pointer('components', 'schemas', 'Problem'), example.value)).toEqual(
            [],
          );
        }
      }
    }
    const examplesOf = (status: string) =>
      Object.keys(patch.responses[status].content['application/problem+json'].examples);
    expect(examplesOf('401')).toStrictEqual(['unauthorized']);
    expect(examplesOf('403').sort()).toStrictEqual(['upstream_forbidden', 'user_not_linked']);
    expect(examplesOf('503')).toStrictEqual([
      'identity_provider_unavailable',
      'upstream_unavailable',
    ]);
    expect([...seen].sort()).toStrictEqual([...PROBLEM_CODES].sort());
  });

  it('give the health routes their schema', () => {
    for (const path of ['/health/live', '/health/ready']) {
      expect(document.paths[path].get.responses['200'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/HealthCheck',
      });
    }
    expect(schemaOf('HealthCheck').required).toEqual(['status', 'details']);
  });
});

describe('the response schemas', () => {
  it.each([
    ['Identity', 'status', ['ok', 'failed', 'processing', 'pending', 'exempt']],
    [
      'Identity',
      'reason',
      ['data-mismatch', 'duplicate', 'fraud', 'missing-declared-information', 'underage'],
    ],
    ['Identity', 'type', ['document-submission', 'electronic-verification']],
    ['IdentityDocument', 'type', ['driving-license', 'id-card', 'passport', 'residence-permit']],
    ['UploadSlot', 'status', ['pending']],
  ])(
    '%s.%s lists its known values and lets any other string through',
    (schema, property, known) => {
      expect(schemaOf(schema).properties[property].anyOf).toStrictEqual([
        { type: 'string', enum: known },
        { type: 'string' },
      ]);
      const at = pointer('components', 'schemas', schema, 'properties', property);
      expect(schemaErrors(at, known[0])).toEqual([]);
      expect(schemaErrors(at, 'a-value-added-upstream-later')).toEqual([]);
    },
  );
});

/** The contract example with the value at a dotted path replaced (`undefined` removes it). */
function withChange(path: string, value: unknown, body: Json = validIdentityRequest()): Json {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => node[key] as Json, body);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return body;
}

const pipe = new ValidationPipe(validationPipeOptions);
const serviceAccepts = (metatype: new () => object, body: unknown): Promise<boolean> =>
  pipe.transform(body, { type: 'body', metatype }).then(
    () => true,
    () => false,
  );

const isoIn = (ms: number): string => new Date(Date.now() + ms).toISOString();
const dayIn = (days: number): string => isoIn(days * 86_400_000).slice(0, 10);
const item = (context: string, fileId = '75e5be00-4264-4cec-ace6-598bff79932c') => ({
  context,
  fileId,
});
const electronic = (changes: Json = {}): Json => {
  const body = withChange('type', 'electronic-verification');
  delete body.media;
  delete body.document;
  return { ...body, ...changes };
};

type Verdict = 'both accept' | 'both reject' | 'only the service rejects';

/** Bodies of PATCH /me/identity and what the service and the schema each make of them. */
const IDENTITY_BODIES: [string, Json, Verdict][] = [
  ['the contract example', validIdentityRequest(), 'both accept'],
  ['no type', withChange('type', undefined), 'both accept'],
  ['electronic, no media, no document', electronic(), 'both accept'],
  [
    'electronic, empty media and a document',
    electronic({ media: [], document: validIdentityRequest().document }),
    'both accept',
  ],
  [
    'five distinct contexts',
    withChange(
      'media',
      [
        'photo-document-front',
        'photo-document-back',
        'photo-selfie',
        'photo-selfie-and-document-front',
        'video',
      ].map((c) => item(c)),
    ),
    'both accept',
  ],
  [
    'an upper-case fileId',
    withChange('media.0.fileId', '75E5BE00-4264-4CEC-ACE6-598BFF79932C'),
    'both accept',
  ],
  [
    'verifiedAt with +05:30',
    withChange('verifiedAt', '2020-01-01T05:30:00.123+05:30'),
    'both accept',
  ],
  ['verifiedAt 4 minutes ahead', withChange('verifiedAt', isoIn(4 * 60_000)), 'both accept'],
  [
    'names padded with white space',
    withChange('person.familyName', '\tDoe\n', withChange('person.givenName', '  John ')),
    'both accept',
  ],
  [
    'a 200-character name padded to 203',
    withChange('person.givenName', ` ${'J'.repeat(200)}  `),
    'both accept',
  ],
  ['a name with inner spaces', withChange('person.givenName', 'Mary Ann'), 'both accept'],
  ['birthdate 1900-01-01', withChange('person.birthdate', '1900-01-01'), 'both accept'],
  ['birthdate today', withChange('person.birthdate', dayIn(0)), 'both accept'],
  ['expiresAt 2024-02-29', withChange('document.expiresAt', '2024-02-29'), 'both accept'],
  [
    'a number with spaces and hyphens',
    withChange('document.number', '77 00-225 VH'),
    'both accept',
  ],
  ['a numeric subdivision', withChange('person.address.subdivision', 'GB-123'), 'both accept'],
  ['no address', withChange('person.address', undefined), 'both accept'],

  ['an unknown type', withChange('type', 'selfie-only'), 'both reject'],
  ['no media', withChange('media', undefined), 'both reject'],
  ['empty media', withChange('media', []), 'both reject'],
  [
    'six media items',
    withChange(
      'media',
      [
        'photo-document-front',
        'photo-document-back',
        'photo-selfie',
        'photo-selfie-and-document-front',
        'video',
        'video',
      ].map((c, i) => item(c, `75e5be00-4264-4cec-ace6-598bff79932${i}`)),
    ),
    'both reject',
  ],
  ['the same media item twice', withChange('media', [item('video'), item('video')]), 'both reject'],
  ['media not an array', withChange('media', item('video')), 'both reject'],
  ['an unknown context', withChange('media.0.context', 'photo-passport'), 'both reject'],
  ['a fileId that is no UUID', withChange('media.0.fileId', 'file-1'), 'both reject'],
  [
    'a fileId as a URN',
    withChange('media.0.fileId', 'urn:uuid:75e5be00-4264-4cec-ace6-598bff79932c'),
    'both reject',
  ],
  [
    'a fileId of version 0',
    withChange('media.0.fileId', '75e5be00-4264-0cec-ace6-598bff79932c'),
    'both reject',
  ],
  ['electronic with media items', electronic({ media: [item('video')] }), 'both reject'],
  ['no provider', withChange('provider', undefined), 'both reject'],
  ['an empty provider', withChange('provider', ''), 'both reject'],
  ['an upper-case provider', withChange('provider', 'Veriff'), 'both reject'],
  ['a 51-character provider', withChange('provider', 'a'.repeat(51)), 'both reject'],
  ['no verifiedAt', withChange('verifiedAt', undefined), 'both reject'],
  ['verifiedAt without offset', withChange('verifiedAt', '2020-01-01T00:00:00'), 'both reject'],
  ['verifiedAt a date only', withChange('verifiedAt', '2020-01-01'), 'both reject'],
  [
    'verifiedAt with a space for T',
    withChange('verifiedAt', '2020-01-01 00:00:00Z'),
    'both reject',
  ],
  ['verifiedAt on 2023-02-30', withChange('verifiedAt', '2023-02-30T00:00:00Z'), 'both reject'],
  ['verifiedAt at 24:00', withChange('verifiedAt', '2020-01-01T24:00:00Z'), 'both reject'],
  ['no document', withChange('document', undefined), 'both reject'],
  ['a document that is a string', withChange('document', 'passport'), 'both reject'],
  ['an unknown document type', withChange('document.type', 'visa'), 'both reject'],
  ['an empty number', withChange('document.number', ''), 'both reject'],
  ['a number starting with a hyphen', withChange('document.number', '-7700225'), 'both reject'],
  ['a number with an underscore', withChange('document.number', '7700_225'), 'both reject'],
  ['a 65-character number', withChange('document.number', 'A'.repeat(65)), 'both reject'],
  ['a lower-case country', withChange('document.country', 'gb'), 'both reject'],
  ['an unassigned country', withChange('document.country', 'XX'), 'both reject'],
  ['an alpha-3 country', withChange('document.country', 'GBR'), 'both reject'],
  ['expiresAt 2023-02-30', withChange('document.expiresAt', '2023-02-30'), 'both reject'],
  ['expiresAt not YYYY-MM-DD', withChange('document.expiresAt', '2026-3-13'), 'both reject'],
  ['no person', withChange('person', undefined), 'both reject'],
  [
    'a person that is an array',
    withChange('person', [validIdentityRequest().person]),
    'both reject',
  ],
  ['a blank givenName', withChange('person.givenName', '   '), 'both reject'],
  ['a 201-character givenName', withChange('person.givenName', 'J'.repeat(201)), 'both reject'],
  ['a control character in givenName', withChange('person.givenName', 'Jo\u0000hn'), 'both reject'],
  ['a line break inside familyName', withChange('person.familyName', 'Do\ne'), 'both reject'],
  [
    'a C1 control character in familyName',
    withChange('person.familyName', 'Do\u0085e'),
    'both reject',
  ],
  ['no familyName', withChange('person.familyName', undefined), 'both reject'],
  ['birthdate 1899-12-31', withChange('person.birthdate', '1899-12-31'), 'both reject'],
  ['birthdate 1987-02-29', withChange('person.birthdate', '1987-02-29'), 'both reject'],
  ['an unknown gender', withChange('person.gender', 'other'), 'both reject'],
  ['an address that is a string', withChange('person.address', '1 High Street'), 'both reject'],
  ['no address country', withChange('person.address.country', undefined), 'both reject'],
  ['a lower-case address country', withChange('person.address.country', 'gb'), 'both reject'],
  ['no city', withChange('person.address.city', undefined), 'both reject'],
  ['a 201-character city', withChange('person.address.city', 'M'.repeat(201)), 'both reject'],
  ['no line1', withChange('person.address.line1', undefined), 'both reject'],
  ['a 201-character line2', withChange('person.address.line2', 'N'.repeat(201)), 'both reject'],
  [
    'a 201-character postalCode',
    withChange('person.address.postalCode', '1'.repeat(201)),
    'both reject',
  ],
  [
    'a subdivision that is no ISO 3166-2 code',
    withChange('person.address.subdivision', 'Manchester'),
    'both reject',
  ],
  ['a lower-case subdivision', withChange('person.address.subdivision', 'gb-man'), 'both reject'],
  [
    'an unknown property at the top',
    withChange('userId', 'a3b7e2d4-8c1f-4e6a-b5d9-0f2e3c4a5b6d'),
    'both reject',
  ],
  ['an unknown property in a media item', withChange('media.0.size', 1), 'both reject'],
  ['an unknown property in document', withChange('document.issuer', 'HMPO'), 'both reject'],
  ['an unknown property in person', withChange('person.ssn', '078-05-1120'), 'both reject'],
  [
    'an unknown property in address',
    withChange('person.address.county', 'Greater Manchester'),
    'both reject',
  ],
  ['an unknown property, electronic', electronic({ extra: 1 }), 'both reject'],

  // What JSON Schema cannot say; the schema says it in words.
  [
    'two media items with one context',
    withChange('media', [item('video'), item('video', '470b2192-893f-4ce6-9daa-816d4c319a84')]),
    'only the service rejects',
  ],
  [
    'verifiedAt 6 minutes ahead',
    withChange('verifiedAt', isoIn(6 * 60_000)),
    'only the service rejects',
  ],
  ['birthdate tomorrow', withChange('person.birthdate', dayIn(1)), 'only the service rejects'],
  [
    'a subdivision of another country',
    withChange('person.address.subdivision', 'FR-75'),
    'only the service rejects',
  ],
];

const UPLOAD_BODIES: [string, Json, Verdict][] = [
  ...[
    ['photo-document-front', 'application/pdf'],
    ['photo-document-back', 'image/png'],
    ['photo-selfie', 'image/jpeg'],
    ['photo-selfie-and-document-front', 'image/png'],
    ['video', 'video/mp4'],
    ['video', 'video/mpeg'],
  ].map(([context, contentType]): [string, Json, Verdict] => [
    `${context} as ${contentType}`,
    { context, contentType },
    'both accept',
  ]),
  ...[
    ['photo-selfie', 'application/pdf'],
    ['photo-document-back', 'video/mp4'],
    ['video', 'image/png'],
    ['photo-selfie', 'IMAGE/JPEG'],
    ['photo-passport', 'image/png'],
  ].map(([context, contentType]): [string, Json, Verdict] => [
    `${context} as ${contentType}`,
    { context, contentType },
    'both reject',
  ]),
  ['no contentType', { context: 'video' }, 'both reject'],
  ['an unknown property', { context: 'video', contentType: 'video/mp4', size: 1 }, 'both reject'],
];

describe('the request schemas agree with the service (contract §1.1, §1.3)', () => {
  const expectations = (verdict: Verdict) => ({
    service: verdict === 'both accept',
    schema: verdict !== 'both reject',
  });

  it.each(IDENTITY_BODIES)('PATCH /me/identity with %s: %#', async (_case, body, verdict) => {
    const schema = schemaErrors(requestBodyAt('/me/identity', 'patch'), body).length === 0;
    const service = await serviceAccepts(UpdateIdentityDto, body);
    expect({ service, schema }).toStrictEqual(expectations(verdict));
  });

  it.each(UPLOAD_BODIES)('POST /me/identity/files with %s', async (_case, body, verdict) => {
    const schema = schemaErrors(requestBodyAt('/me/identity/files', 'post'), body).length === 0;
    const service = await serviceAccepts(CreateUploadSlotDto, body);
    expect({ service, schema }).toStrictEqual(expectations(verdict));
  });

  it('says in words what the schema cannot express', () => {
    const describe = (name: string, property: string): string =>
      String(schemaOf(name).properties[property].description);
    expect(describe('DocumentSubmissionRequest', 'media')).toContain('each `context` at most once');
    expect(describe('DocumentSubmissionRequest', 'verifiedAt')).toContain(
      '5 minutes in the future',
    );
    expect(describe('PersonInput', 'birthdate')).toContain('to today');
    expect(describe('AddressInput', 'subdivision')).toContain('prefix must equal `country`');
  });
});

describe('/docs', () => {
  const suite = useSimulatorAndBff();

  it('serves the same document at /docs-json, without a token', async () => {
    const response = await request(suite.bff.url).get('/docs-json').expect(200);
    expect(response.body).toEqual(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  });

  it('serves the Swagger UI at /docs, without a token', async () => {
    const response = await request(suite.bff.url).get('/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger-ui');
  });
});
