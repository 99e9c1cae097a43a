import {
  createIdentityClient,
  type Identity,
  type IdentityClient,
  type UpdateIdentityRequest,
  type UploadSlotRequest,
} from '../clients/typescript/src';
import { useSimulatorAndBff } from './support/bff';
import { responseBodyAt, schemaErrors } from './support/openapi-schema';
import { userToken } from './support/test-keys';

/** The contract §1.1 example, typed by the generated client. */
const submission = (): UpdateIdentityRequest => ({
  type: 'document-submission',
  media: [
    { context: 'photo-document-front', fileId: '75e5be00-4264-4cec-ace6-598bff79932c' },
    { context: 'photo-selfie', fileId: '470b2192-893f-4ce6-9daa-816d4c319a84' },
  ],
  provider: 'veriff',
  verifiedAt: '2020-01-01T00:00:00Z',
  document: { type: 'passport', number: '7700225VH', country: 'GB', expiresAt: '2026-03-13' },
  person: {
    givenName: 'John',
    familyName: 'Doe',
    birthdate: '1987-09-04',
    gender: 'male',
    address: { country: 'GB', subdivision: 'GB-MAN', city: 'Manchester', line1: '1 High Street' },
  },
});

const suite = useSimulatorAndBff();
beforeEach(() => suite.sim.reset());

/** The generated client on Node's fetch, with a fresh user JWT per request. */
const client = (): IdentityClient => createIdentityClient(suite.bff.url, () => userToken());

describe('the typed client (clients/typescript) against the BFF', () => {
  it('GET /me/identity: the identity, as documented, with its headers', async () => {
    const { data, error, response } = await client().GET('/me/identity');
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    const status: string | undefined = data?.status; // an open enum is still a string
    expect(status).toBe('pending');
    expect(schemaErrors(responseBodyAt('/me/identity', 'get', 200), data)).toEqual([]);
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(response.headers.get('x-upstream-request-id')).toEqual(expect.any(String));
  });

  it('PATCH /me/identity: a typed body in, the identity out with its number masked', async () => {
    const { data, error, response } = await client().PATCH('/me/identity', { body: submission() });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.document?.number).toBe('*****25VH');
    expect(data?.person?.givenName).toBe('John');
    expect(schemaErrors(responseBodyAt('/me/identity', 'patch', 200), data)).toEqual([]);
    expect(suite.sim.requestsTo('patchIdentity')).toHaveLength(1);
  });

  it('POST /me/identity/files: an upload slot', async () => {
    const { data, response } = await client().POST('/me/identity/files', {
      body: { context: 'photo-selfie', contentType: 'image/jpeg' },
    });
    expect(response.status).toBe(201);
    expect(data?.context).toBe('photo-selfie');
    expect(data?.upload.url).toEqual(expect.any(String));
    expect(schemaErrors(responseBodyAt('/me/identity/files', 'post', 201), data)).toEqual([]);
  });

  it('a 400 reads as a typed problem naming each broken field, and nothing goes upstream', async () => {
    const body = submission();
    body.provider = 'Veriff';
    body.person.birthdate = '1899-12-31';
    const { data, error, response } = await client().PATCH('/me/identity', { body });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(error?.code).toBe('validation_failed');
    expect(error?.errors?.map((e) => e.field).sort()).toStrictEqual([
      'person.birthdate',
      'provider',
    ]);
    expect(error?.requestId).toBe(response.headers.get('x-request-id'));
    expect(schemaErrors(responseBodyAt('/me/identity', 'patch', 400), error)).toEqual([]);
    expect(suite.sim.requests).toHaveLength(0);
  });

  it('without a token: a 401 problem with its bearer challenge', async () => {
    const anonymous = createIdentityClient(suite.bff.url, () => undefined);
    const { data, error, response } = await anonymous.GET('/me/identity');
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error?.code).toBe('unauthorized');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(schemaErrors(responseBodyAt('/me/identity', 'get', 401), error)).toEqual([]);
  });

  it('the probes: typed health checks, as documented', async () => {
    const { data, response } = await client().GET('/health/ready');
    expect(response.status).toBe(200);
    expect(data?.details.redis?.status).toBe('up');
    expect(response.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(schemaErrors(responseBodyAt('/health/ready', 'get', 200), data)).toEqual([]);
  });

  it('types the contract: open enums take any string, a wrong content type does not compile', () => {
    const known: Identity['status'] = 'ok';
    const later: Identity['status'] = 'a-status-added-upstream-later';
    const slot: UploadSlotRequest = { context: 'video', contentType: 'video/mp4' };
    // @ts-expect-error: a video slot takes video/mp4 or video/mpeg only
    const wrong: UploadSlotRequest = { context: 'video', contentType: 'image/png' };
    expect([known, later, slot, wrong]).toHaveLength(4);
  });
});
