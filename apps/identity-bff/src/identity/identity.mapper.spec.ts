import type { CreateFileResponse, UpholdIdentityProcess } from '@app/uphold/uphold.types';
import { plainToInstance } from 'class-transformer';
import { CreateUploadSlotDto } from './dto/create-upload-slot.dto';
import { PersonDto } from './dto/person.dto';
import { UpdateIdentityDto } from './dto/update-identity.dto';
import { validIdentityRequest } from './dto/update-identity.fixture';
import {
  ALLOWED_CONTENT_TYPES,
  fileCategoryFor,
  isKnownIdentityStatus,
  maskDocumentNumber,
  toCreateFileRequest,
  toFirstPartyField,
  toIdentityView,
  toUpdateIdentityRequest,
  toUploadSlotView,
} from './identity.mapper';

type Body = ReturnType<typeof validIdentityRequest>;
const dtoOf = (body: object): UpdateIdentityDto => plainToInstance(UpdateIdentityDto, body);

describe('toUpdateIdentityRequest', () => {
  it('nests the contract example as { type, input: { media }, output }', () => {
    const body = validIdentityRequest();
    expect(toUpdateIdentityRequest(dtoOf(body))).toStrictEqual({
      type: 'document-submission',
      input: { media: body.media },
      output: {
        provider: 'veriff',
        document: body.document,
        person: body.person,
        verifiedAt: '2020-01-01T00:00:00Z',
      },
    });
  });

  it('leaves type out when not given, and builds plain objects', () => {
    const body: Partial<Body> = validIdentityRequest();
    delete body.type;
    const request = toUpdateIdentityRequest(dtoOf(body));
    expect(Object.keys(request)).toStrictEqual(['input', 'output']);
    expect(request.output.person).not.toBeInstanceOf(PersonDto);
    expect(Object.getPrototypeOf(request.output.person)).toBe(Object.prototype);
  });

  it('sends empty media and no document for electronic verification', () => {
    const body: Partial<Body> = { ...validIdentityRequest(), type: 'electronic-verification' };
    delete body.media;
    delete body.document;
    const request = toUpdateIdentityRequest(dtoOf(body));
    expect(request.input).toStrictEqual({ media: [] });
    expect(Object.keys(request.output)).toStrictEqual(['provider', 'person', 'verifiedAt']);
  });

  it('leaves out absent optional fields and copies only known ones', () => {
    const body = validIdentityRequest();
    const dto = dtoOf({
      ...body,
      document: { type: 'id-card', number: 'X1', country: 'FR' },
      person: { givenName: 'A', familyName: 'B', birthdate: '2000-01-01', gender: null },
    });
    Object.assign(dto.person, { nickname: 'stray' });
    expect(toUpdateIdentityRequest(dto).output).toStrictEqual({
      provider: 'veriff',
      document: { type: 'id-card', number: 'X1', country: 'FR' },
      person: { givenName: 'A', familyName: 'B', birthdate: '2000-01-01' },
      verifiedAt: '2020-01-01T00:00:00Z',
    });
  });
});

describe('toIdentityView', () => {
  const upstream = (): UpholdIdentityProcess => ({
    status: 'ok',
    type: 'document-submission',
    hint: 'internal hint',
    input: {
      media: [{ context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' }],
    },
    output: {
      provider: 'veriff',
      verifiedAt: '2020-01-01T00:00:00Z',
      reason: 'data-mismatch',
      document: { type: 'passport', number: '7700225VH', country: 'GB', expiresAt: '2026-03-13' },
      person: { ...validIdentityRequest().person, gender: 'male' },
    },
  });

  it('renders the contract §1.2 example, the document number masked', () => {
    expect(toIdentityView(upstream())).toStrictEqual({
      status: 'ok',
      reason: 'data-mismatch',
      type: 'document-submission',
      provider: 'veriff',
      verifiedAt: '2020-01-01T00:00:00Z',
      document: { type: 'passport', number: '*****25VH', country: 'GB', expiresAt: '2026-03-13' },
      person: validIdentityRequest().person,
      media: [{ context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' }],
    });
  });

  it('reads a missing process as pending', () => {
    expect(toIdentityView(undefined)).toStrictEqual({ status: 'pending' });
  });

  it.each([
    ['running', 'processing'],
    ['processing', 'processing'],
    ['ok', 'ok'],
    ['failed', 'failed'],
    ['pending', 'pending'],
    ['exempt', 'exempt'],
    ['on-hold', 'on-hold'],
  ])('maps upstream status %s to %s', (status, expected) => {
    expect(toIdentityView({ status })).toStrictEqual({ status: expected });
  });

  it('leaves out a reason of none, and keeps another upstream reason', () => {
    const none = upstream();
    none.output = { ...none.output, reason: 'none' };
    expect(Object.keys(toIdentityView(none))).not.toContain('reason');
    const other = upstream();
    other.output = { ...other.output, reason: 'sanctions' };
    expect(toIdentityView(other).reason).toBe('sanctions');
  });

  it('leaves out every field the upstream did not return, never null or undefined', () => {
    const sparse: UpholdIdentityProcess = {
      status: 'failed',
      output: {
        document: { type: 'unsupported', number: '', country: 'GB' },
        person: { givenName: 'John', familyName: 'Doe', birthdate: '1987-09-04' },
      },
    };
    expect(toIdentityView(sparse)).toStrictEqual({
      status: 'failed',
      document: { type: 'unsupported', number: '', country: 'GB' },
      person: { givenName: 'John', familyName: 'Doe', birthdate: '1987-09-04' },
    });
    expect(toIdentityView({ status: 'ok', input: {}, output: {} })).toStrictEqual({ status: 'ok' });
  });

  it('drops null values and properties it does not know', () => {
    const process = upstream();
    Object.assign(process.output!.person!, { gender: null, ssn: '123' });
    Object.assign(process.output!, { score: 0.9 });
    Object.assign(process.input!.media![0], { url: 'https://files' });
    const view = toIdentityView(process);
    expect(Object.keys(view.person!)).toStrictEqual([
      'givenName',
      'familyName',
      'birthdate',
      'address',
    ]);
    expect(view).not.toHaveProperty('score');
    expect(view).not.toHaveProperty('hint');
    expect(view.media).toStrictEqual([
      { context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' },
    ]);
  });
});

describe('isKnownIdentityStatus', () => {
  it.each(['ok', 'failed', 'running', 'processing', 'pending', 'exempt'])('knows %s', (status) => {
    expect(isKnownIdentityStatus(status)).toBe(true);
  });

  it.each(['on-hold', '', 'OK'])('does not know %j', (status) => {
    expect(isKnownIdentityStatus(status)).toBe(false);
  });
});

describe('maskDocumentNumber', () => {
  it.each([
    ['', ''],
    ['AB1', '***'],
    ['AB12', '****'],
    ['AB123', '*B123'],
    ['7700225VH', '*****25VH'],
  ])('masks %j as %j', (number, masked) => {
    expect(maskDocumentNumber(number)).toBe(masked);
  });
});

describe('file slots', () => {
  it.each([
    ['photo-document-front', 'document'],
    ['photo-document-back', 'document'],
    ['photo-selfie', 'image'],
    ['photo-selfie-and-document-front', 'image'],
    ['video', 'video'],
  ] as const)('files %s under %s', (context, category) => {
    expect(fileCategoryFor(context)).toBe(category);
  });

  it('allows the content types of contract §1.3 per category', () => {
    expect(ALLOWED_CONTENT_TYPES).toStrictEqual({
      document: ['application/pdf', 'image/jpeg', 'image/png'],
      image: ['image/jpeg', 'image/png'],
      video: ['video/mp4', 'video/mpeg'],
    });
  });

  it('asks the upstream for the category of the context', () => {
    const dto = plainToInstance(CreateUploadSlotDto, {
      context: 'photo-selfie',
      contentType: 'image/jpeg',
    });
    expect(toCreateFileRequest(dto)).toStrictEqual({
      category: 'image',
      contentType: 'image/jpeg',
    });
  });

  it('renders the upstream slot as the first-party view', () => {
    const response: CreateFileResponse = {
      file: {
        id: '470b2192-893f-4ce6-9daa-816d4c319a84',
        status: 'pending',
        category: 'image',
        contentType: 'image/jpeg',
        upload: {
          url: 'https://upload.example',
          formData: { key: 'k', policy: 'p' },
          expiresAt: '2030-01-01T00:15:00Z',
        },
      },
    };
    const view = toUploadSlotView(response, 'photo-selfie');
    expect(view).toStrictEqual({
      fileId: '470b2192-893f-4ce6-9daa-816d4c319a84',
      context: 'photo-selfie',
      status: 'pending',
      upload: {
        url: 'https://upload.example',
        formData: { key: 'k', policy: 'p' },
        expiresAt: '2030-01-01T00:15:00Z',
      },
    });
    expect(view.upload.formData).not.toBe(response.file.upload.formData);
  });
});

describe('toFirstPartyField', () => {
  it.each([
    ['output.person.birthdate', 'person.birthdate'],
    ['output.person.address.city', 'person.address.city'],
    ['output.provider', 'provider'],
    ['input.media', 'media'],
    ['input.media.0.fileId', 'media.0.fileId'],
    ['type', 'type'],
    ['input.other', 'input.other'],
    ['outputs.provider', 'outputs.provider'],
  ])('maps %s to %s', (upstreamPath, field) => {
    expect(toFirstPartyField(upstreamPath)).toBe(field);
  });
});
