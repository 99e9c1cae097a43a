import { ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemException } from '../../common/problem.exception';
import { validationPipeOptions } from '../../common/validation-pipe.options';
import { UpdateIdentityDto } from './update-identity.dto';
import { validIdentityRequest, wrongTypedIdentityRequest } from './update-identity.fixture';

type Json = Record<string, unknown>;

const pipe = new ValidationPipe(validationPipeOptions);
const validate = (body: unknown): Promise<unknown> =>
  pipe.transform(body, { type: 'body', metatype: UpdateIdentityDto });

/** The contract example with the value at a dotted path replaced (`undefined` removes it). */
function withChange(path: string, value: unknown): Json {
  const body = validIdentityRequest() as unknown as Json;
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => node[key] as Json, body);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return body;
}

async function errorsOf(body: unknown): Promise<FieldError[]> {
  const error: unknown = await validate(body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemException);
  const problem = error as ProblemException;
  expect(problem.status).toBe(400);
  expect(problem.code).toBe('validation_failed');
  return problem.errors ?? [];
}

async function fieldsOf(body: unknown): Promise<string[]> {
  return [...new Set((await errorsOf(body)).map((e) => e.field))];
}

const isoIn = (ms: number): string => new Date(Date.now() + ms).toISOString();
const dayIn = (days: number): string => isoIn(days * 86_400_000).slice(0, 10);
const fiveContexts = [
  'photo-document-front',
  'photo-document-back',
  'photo-selfie',
  'photo-selfie-and-document-front',
  'video',
];
const mediaOf = (contexts: string[]): Json[] =>
  contexts.map((context) => ({ context, fileId: '75e5be00-4264-4cec-ace6-598bff79932c' }));

describe('UpdateIdentityDto through the global ValidationPipe', () => {
  it('accepts the contract example and returns a DTO instance', async () => {
    const dto = await validate(validIdentityRequest());
    expect(dto).toBeInstanceOf(UpdateIdentityDto);
    expect(JSON.parse(JSON.stringify(dto))).toStrictEqual(validIdentityRequest());
  });

  it.each<[string, string, unknown]>([
    ['type is not a known kind', 'type', 'selfie-only'],
    ['media is missing', 'media', undefined],
    ['media is empty', 'media', []],
    ['media has six items', 'media', mediaOf([...fiveContexts, 'video'])],
    ['a media context repeats', 'media', mediaOf(['photo-selfie', 'photo-selfie'])],
    ['media is not an array', 'media', mediaOf(['video'])[0]],
    ['a media context is unknown', 'media.0.context', 'photo-passport'],
    ['a media fileId is not a UUID', 'media.0.fileId', 'not-a-uuid'],
    ['provider is missing', 'provider', undefined],
    ['provider is empty', 'provider', ''],
    ['provider has upper case', 'provider', 'Veriff'],
    ['provider is 51 characters', 'provider', 'a'.repeat(51)],
    ['verifiedAt is missing', 'verifiedAt', undefined],
    ['verifiedAt has no offset', 'verifiedAt', '2020-01-01T00:00:00'],
    ['verifiedAt is a date only', 'verifiedAt', '2020-01-01'],
    ['verifiedAt is not a real date', 'verifiedAt', '2023-02-30T00:00:00Z'],
    ['verifiedAt is not a real time', 'verifiedAt', '2020-01-01T24:00:00Z'],
    ['verifiedAt has a bad offset', 'verifiedAt', '2020-01-01T00:00:00+24:00'],
    ['verifiedAt is 6 minutes ahead', 'verifiedAt', isoIn(6 * 60_000)],
    ['document is missing', 'document', undefined],
    ['document is not an object', 'document', 'passport'],
    ['document.type is unknown', 'document.type', 'visa'],
    ['document.number is empty', 'document.number', ''],
    ['document.number starts with a hyphen', 'document.number', '-7700225'],
    ['document.number has an underscore', 'document.number', '7700_225'],
    ['document.number is 65 characters', 'document.number', 'A'.repeat(65)],
    ['document.country is lower case', 'document.country', 'gb'],
    ['document.country is unassigned', 'document.country', 'XX'],
    ['document.country is alpha-3', 'document.country', 'GBR'],
    ['document.expiresAt is 2023-02-30', 'document.expiresAt', '2023-02-30'],
    ['document.expiresAt is not YYYY-MM-DD', 'document.expiresAt', '2026-3-13'],
    ['person is missing', 'person', undefined],
    ['person is an array', 'person', [validIdentityRequest().person]],
    ['person.givenName is blank', 'person.givenName', '   '],
    ['person.givenName is 201 characters', 'person.givenName', 'J'.repeat(201)],
    ['person.givenName has a control character', 'person.givenName', 'Jo\u0000hn'],
    ['person.familyName is missing', 'person.familyName', undefined],
    ['person.familyName has a line break inside', 'person.familyName', 'Do\ne'],
    ['person.birthdate is 1899-12-31', 'person.birthdate', '1899-12-31'],
    ['person.birthdate is tomorrow', 'person.birthdate', dayIn(1)],
    ['person.birthdate is 1987-02-29', 'person.birthdate', '1987-02-29'],
    ['person.gender is unknown', 'person.gender', 'other'],
    ['person.address is a string', 'person.address', '1 High Street'],
    ['address.country is missing', 'person.address.country', undefined],
    ['address.country is lower case', 'person.address.country', 'gb'],
    ['address.city is missing', 'person.address.city', undefined],
    ['address.city is 201 characters', 'person.address.city', 'M'.repeat(201)],
    ['address.line1 is missing', 'person.address.line1', undefined],
    ['address.line2 is 201 characters', 'person.address.line2', 'N'.repeat(201)],
    ['address.postalCode is 201 characters', 'person.address.postalCode', '1'.repeat(201)],
    ['address.subdivision is not ISO 3166-2', 'person.address.subdivision', 'Manchester'],
    ['address.subdivision is lower case', 'person.address.subdivision', 'gb-man'],
    ['address.subdivision is of another country', 'person.address.subdivision', 'FR-75'],
  ])('rejects a body where %s, naming only %s', async (_rule, path, value) => {
    expect(await fieldsOf(withChange(path, value))).toStrictEqual([path]);
  });

  it.each<[string, string, unknown]>([
    ['top level', 'foo', 'foo'],
    ['in a media item', 'media.0.foo', 1],
    ['in document', 'document.issuer', 'HMPO'],
    ['in person', 'person.foo', true],
    ['in address', 'person.address.foo', null],
  ])('rejects an unknown property %s', async (_where, path, value) => {
    expect(await fieldsOf(withChange(path, value))).toStrictEqual([path]);
  });

  it('reports every violation at once', async () => {
    const body = withChange('provider', 'Bad Provider');
    (body.person as Json).birthdate = '1899-12-31';
    (body.document as Json).country = 'XX';
    (body.media as Json[])[1].fileId = 'nope';
    body.extra = 1;
    expect((await fieldsOf(body)).sort()).toStrictEqual(
      ['document.country', 'extra', 'media.1.fileId', 'person.birthdate', 'provider'].sort(),
    );
  });

  it('rejects media items that are not objects, arrays included', async () => {
    expect(await fieldsOf(withChange('media.0', 'photo-selfie'))).toStrictEqual([
      'media',
      'media.0',
    ]);
    expect(await fieldsOf(withChange('media.0', [mediaOf(['video'])[0]]))).toStrictEqual(['media']);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [validIdentityRequest()]],
    ['a string', 'hello'],
    ['a number', 42],
  ])('answers a body that is %s with a validation error', async (_kind, body) => {
    expect((await errorsOf(body)).length).toBeGreaterThan(0);
  });

  it('answers every field of the wrong type with a validation error, never a crash', async () => {
    const body = wrongTypedIdentityRequest();
    const fields = await fieldsOf(body);
    expect(fields.sort()).toStrictEqual(
      [
        'type',
        'media.0.context',
        'media.0.fileId',
        'provider',
        'verifiedAt',
        'document.type',
        'document.number',
        'document.country',
        'document.expiresAt',
        'person.givenName',
        'person.familyName',
        'person.birthdate',
        'person.gender',
        'person.address.country',
        'person.address.subdivision',
        'person.address.city',
        'person.address.line1',
        'person.address.line2',
        'person.address.postalCode',
      ].sort(),
    );
  });

  it('never echoes submitted values in messages', async () => {
    const body = withChange('person.givenName', 'Zebulon\u0007');
    (body.document as Json).number = '_SECRET-NUMBER_';
    (body.person as Json).birthdate = '1850-01-01';
    const text = JSON.stringify(await errorsOf(body));
    for (const value of ['Zebulon', 'SECRET', '1850']) expect(text).not.toContain(value);
  });

  it.each<[string, string, unknown]>([
    ['verifiedAt is 4 minutes ahead', 'verifiedAt', isoIn(4 * 60_000)],
    ['verifiedAt has a +05:30 offset', 'verifiedAt', '2020-01-01T05:30:00.123+05:30'],
    ['verifiedAt has a negative offset', 'verifiedAt', '2019-12-31T19:00:00-05:00'],
    ['type is absent', 'type', undefined],
    ['document.expiresAt is absent', 'document.expiresAt', undefined],
    ['document.expiresAt is 2024-02-29', 'document.expiresAt', '2024-02-29'],
    ['document.number has spaces and hyphens', 'document.number', '77 00-225 VH'],
    ['media has five distinct contexts', 'media', mediaOf(fiveContexts)],
    ['person.birthdate is 1900-01-01', 'person.birthdate', '1900-01-01'],
    ['person.birthdate is today', 'person.birthdate', dayIn(0)],
    ['person.gender is absent', 'person.gender', undefined],
    ['person.address is absent', 'person.address', undefined],
    ['address.subdivision is absent', 'person.address.subdivision', undefined],
    ['address.subdivision is a numeric code', 'person.address.subdivision', 'GB-123'],
    ['address.line2 and postalCode are absent', 'person.address.line2', undefined],
  ])('accepts a body where %s', async (_case, path, value) => {
    await expect(validate(withChange(path, value))).resolves.toBeInstanceOf(UpdateIdentityDto);
  });

  it('forwards names trimmed', async () => {
    const body = withChange('person.givenName', '  John ');
    (body.person as Json).familyName = '\tDoe\n';
    const dto = (await validate(body)) as UpdateIdentityDto;
    expect([dto.person.givenName, dto.person.familyName]).toStrictEqual(['John', 'Doe']);
  });

  describe('electronic-verification', () => {
    const electronic = (): Json => {
      const body = withChange('type', 'electronic-verification');
      delete body.media;
      delete body.document;
      return body;
    };

    it('accepts a body without media and document', async () => {
      await expect(validate(electronic())).resolves.toBeInstanceOf(UpdateIdentityDto);
    });

    it('accepts empty media and a document', async () => {
      const body = { ...electronic(), media: [], document: validIdentityRequest().document };
      await expect(validate(body)).resolves.toBeInstanceOf(UpdateIdentityDto);
    });

    it('rejects media items', async () => {
      const body = { ...electronic(), media: mediaOf(['photo-selfie']) };
      expect(await fieldsOf(body)).toStrictEqual(['media']);
    });

    it('still validates a document that is given', async () => {
      const body = { ...electronic(), document: { type: 'visa' } };
      expect(await fieldsOf(body)).toStrictEqual([
        'document.type',
        'document.number',
        'document.country',
      ]);
    });
  });
});
