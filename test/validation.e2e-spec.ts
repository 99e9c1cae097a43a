import request from 'supertest';
import { validIdentityRequest } from '../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { useSimulatorAndBff } from './support/bff';
import { userToken } from './support/test-keys';

type Body = ReturnType<typeof validIdentityRequest> & Record<string, unknown>;
type Case = [field: string, breakRule: (body: Body) => void];

const isoDay = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const media = (context: string) => ({ context, fileId: '75e5be00-4264-4cec-ace6-598bff79932c' });

/** Every rule of contract §1.1, each broken once; the field the BFF must name. */
const BROKEN_RULES: Case[] = [
  ['type', (b) => (b.type = 'video-call' as never)],
  ['media', (b) => delete (b as Partial<Body>).media],
  ['media', (b) => (b.media = [])],
  [
    'media',
    (b) =>
      (b.media = [
        'photo-document-front',
        'photo-document-back',
        'photo-selfie',
        'video',
        'photo-selfie-and-document-front',
        'video',
      ].map(media)),
  ],
  ['media', (b) => (b.media = [media('photo-selfie'), media('photo-selfie')])],
  ['media', (b) => Object.assign(b, { type: 'electronic-verification', media: [media('video')] })],
  ['media.0.context', (b) => (b.media[0].context = 'photo-passport' as never)],
  ['media.0.fileId', (b) => (b.media[0].fileId = 'file-1')],
  ['provider', (b) => delete (b as Partial<Body>).provider],
  ['provider', (b) => (b.provider = 'Veriff!')],
  ['provider', (b) => (b.provider = 'a'.repeat(51))],
  ['verifiedAt', (b) => delete (b as Partial<Body>).verifiedAt],
  ['verifiedAt', (b) => (b.verifiedAt = '2020-01-01T00:00:00')],
  ['verifiedAt', (b) => (b.verifiedAt = new Date(Date.now() + 10 * 60_000).toISOString())],
  ['document', (b) => delete (b as Partial<Body>).document],
  ['document.type', (b) => (b.document.type = 'visa' as never)],
  ['document.number', (b) => (b.document.number = '-7700225VH')],
  ['document.number', (b) => (b.document.number = 'A'.repeat(65))],
  ['document.number', (b) => (b.document.number = '7700#225')],
  ['document.country', (b) => (b.document.country = 'gb')],
  ['document.country', (b) => (b.document.country = 'XX')],
  ['document.expiresAt', (b) => (b.document.expiresAt = '2023-02-30')],
  ['person', (b) => delete (b as Partial<Body>).person],
  ['person.givenName', (b) => (b.person.givenName = '   ')],
  ['person.givenName', (b) => (b.person.givenName = 'J'.repeat(201))],
  ['person.familyName', (b) => (b.person.familyName = 'Do\u0007e')],
  ['person.birthdate', (b) => (b.person.birthdate = '1899-12-31')],
  ['person.birthdate', (b) => (b.person.birthdate = isoDay(1))],
  ['person.birthdate', (b) => (b.person.birthdate = '1987-02-30')],
  ['person.gender', (b) => (b.person.gender = 'other' as never)],
  [
    'person.address.city',
    (b) => delete (b.person.address as Partial<Body['person']['address']>).city,
  ],
  ['person.address.line1', (b) => (b.person.address.line1 = 'x'.repeat(201))],
  ['person.address.postalCode', (b) => (b.person.address.postalCode = '1'.repeat(201))],
  ['person.address.country', (b) => (b.person.address.country = 'gb')],
  ['person.address.subdivision', (b) => (b.person.address.subdivision = 'FR-75')],
  ['userId', (b) => (b.userId = 'a3b7e2d4-8c1f-4e6a-b5d9-0f2e3c4a5b6d')],
  ['person.ssn', (b) => Object.assign(b.person, { ssn: '078-05-1120' })],
];

/** The distinct fields a problem names. */
const fieldsOf = (problem: { errors: { field: string }[] }): string[] => [
  ...new Set(problem.errors.map((error) => error.field)),
];

const auth = () => `Bearer ${userToken()}`;

const suite = useSimulatorAndBff();
afterEach(() => {
  // nothing may reach the upstream, not even a token request
  expect(suite.sim.requests).toHaveLength(0);
  suite.sim.reset();
});

describe('PATCH /me/identity validation (contract §1.1)', () => {
  it.each(BROKEN_RULES)(
    'returns 400 naming %s, sending nothing upstream',
    async (field, breakRule) => {
      const body = validIdentityRequest() as Body;
      breakRule(body);
      const response = await request(suite.bff.url)
        .patch('/me/identity')
        .set('Authorization', auth())
        .send(body);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(fieldsOf(response.body)).toEqual([field]);
    },
  );

  it('reports every violation at once, without echoing the values', async () => {
    const body = validIdentityRequest() as Body;
    body.provider = 'BAD PROVIDER';
    body.document.number = '#secret-number#';
    body.person.birthdate = '1899-01-01';
    const response = await request(suite.bff.url)
      .patch('/me/identity')
      .set('Authorization', auth())
      .send(body);
    expect(fieldsOf(response.body).sort()).toEqual([
      'document.number',
      'person.birthdate',
      'provider',
    ]);
    expect(JSON.stringify(response.body)).not.toContain('#secret-number#');
  });

  it.each([
    ['not valid JSON', 'application/json', '{"provider": '],
    ['a JSON array', 'application/json', '[]'],
    ['a JSON string', 'application/json', '"identity"'],
  ])('returns 400 validation_failed for a body that is %s', async (_, type, raw) => {
    const response = await request(suite.bff.url)
      .patch('/me/identity')
      .set('Authorization', auth())
      .set('Content-Type', type)
      .send(raw);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it('returns 415 unsupported_media_type for a body that is not application/json', async () => {
    const response = await request(suite.bff.url)
      .patch('/me/identity')
      .set('Authorization', auth())
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('provider=veriff');
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('unsupported_media_type');
  });

  it('returns 413 payload_too_large for a body over 64 KiB', async () => {
    const body = { ...validIdentityRequest(), padding: 'x'.repeat(65 * 1024) };
    const response = await request(suite.bff.url)
      .patch('/me/identity')
      .set('Authorization', auth())
      .send(body);
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });
});

describe('POST /me/identity/files validation (contract §1.3)', () => {
  it.each([
    ['context', { context: 'photo-passport', contentType: 'image/jpeg' }],
    ['contentType', { context: 'photo-selfie', contentType: 'application/pdf' }],
    ['contentType', { context: 'video', contentType: 'image/jpeg' }],
    ['contentType', { context: 'photo-document-front' }],
    ['fileName', { context: 'photo-selfie', contentType: 'image/png', fileName: 'me.png' }],
  ])('returns 400 naming %s, sending nothing upstream', async (field, body) => {
    const response = await request(suite.bff.url)
      .post('/me/identity/files')
      .set('Authorization', auth())
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(fieldsOf(response.body)).toEqual([field]);
  });
});
