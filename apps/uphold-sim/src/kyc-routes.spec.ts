import { randomUUID } from 'node:crypto';
import {
  createSlot,
  fetchToken,
  getKyc,
  sendJsonTo,
  startSimulator,
  upload,
  USER_ID,
  validIdentity,
  apiHeaders,
} from '../test/sim-test-kit';
import type { MediaFile } from './upstream-shapes';
import type { UpholdSimulator } from './simulator';

const IDENTITY_PATH = '/core/kyc/processes/identity';
const OTHER_USER = 'a0e1c2d3-b4f5-4a6b-8c7d-9e0f1a2b3c4d';

describe('KYC routes', () => {
  let simulator: UpholdSimulator;
  let token: string;
  beforeAll(async () => {
    simulator = await startSimulator();
    token = await fetchToken(simulator);
  });
  afterEach(() => simulator.reset());
  afterAll(() => simulator.stop());

  it('GET /core/kyc shows identity pending before any PATCH', async () => {
    const response = await getKyc(simulator, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      summary: { status: 'pending', reason: 'none' },
      processes: {
        identity: { status: 'pending' },
        profile: { status: 'ok' },
        address: { status: 'ok' },
        email: { status: 'ok' },
      },
    });
  });

  it('PATCH stores the identity per user; GET shows it in full only with detailed=identity', async () => {
    const patch = await sendJsonTo(simulator, 'PATCH', IDENTITY_PATH, token, validIdentity());
    expect(patch.status).toBe(200);
    const stored = { status: 'ok', ...validIdentity() };
    expect(await patch.json()).toEqual({ identity: stored });

    const detailed = await getKyc(simulator, token, '?detailed=profile&detailed=identity');
    expect(await detailed.json()).toMatchObject({
      summary: { status: 'ok' },
      processes: { identity: stored },
    });
    const brief = (await (await getKyc(simulator, token, '')).json()) as { processes: unknown };
    expect(brief.processes).toMatchObject({ identity: { status: 'ok' } });
    expect(brief.processes).not.toHaveProperty('identity.output');

    const other = await fetch(`${simulator.url}/core/kyc?detailed=identity`, {
      headers: apiHeaders(token, OTHER_USER),
    });
    expect(await other.json()).toMatchObject({ processes: { identity: { status: 'pending' } } });
  });

  it('PATCH answers with the configured outcome, the reason inside output', async () => {
    simulator.setIdentityOutcome({ status: 'failed', reason: 'underage' });
    const body = { ...validIdentity(), type: 'document-submission' as const };
    const response = await sendJsonTo(simulator, 'PATCH', IDENTITY_PATH, token, body);
    const { identity } = (await response.json()) as { identity: Record<string, unknown> };
    expect(identity).toMatchObject({
      status: 'failed',
      type: 'document-submission',
      output: { reason: 'underage' },
    });
    expect(simulator.requestsTo('patchIdentity')[0]).toMatchObject({
      method: 'PATCH',
      path: IDENTITY_PATH,
      body,
      headers: { 'x-on-behalf-of': `user ${USER_ID}` },
    });
  });

  it('PATCH answers 415 for a non-JSON body and 400 invalid_json for broken JSON', async () => {
    const headers = apiHeaders(token);
    const url = `${simulator.url}${IDENTITY_PATH}`;
    const text = await fetch(url, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: 'unsupported_media_type' });
    const broken = await fetch(url, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      body: '{"input":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'invalid_json' });
  });

  it('PATCH answers 400 validation_failed with every nested violation', async () => {
    const body = validIdentity();
    body.input.media[0].fileId = 'not-a-uuid';
    body.output.person.birthdate = '1987-02-30';
    body.output.person.givenName = '';
    const response = await sendJsonTo(simulator, 'PATCH', IDENTITY_PATH, token, {
      ...body,
      extra: true,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'validation_failed',
      message: expect.any(String),
      errors: {
        extra: [{ code: 'unknown_property', message: expect.any(String) }],
        input: { media: { '0': { fileId: [{ code: 'invalid', message: expect.any(String) }] } } },
        output: {
          person: {
            givenName: [{ code: 'required', message: expect.any(String) }],
            birthdate: [{ code: 'invalid', message: expect.any(String) }],
          },
        },
      },
    });
    expect(await (await getKyc(simulator, token)).json()).toMatchObject({
      processes: { identity: { status: 'pending' } },
    });
  });

  describe('media files', () => {
    const leaf = (code: string) => [{ code, message: expect.any(String) }];
    const patchWith = (media: MediaFile[], as = USER_ID) =>
      fetch(`${simulator.url}${IDENTITY_PATH}`, {
        method: 'PATCH',
        headers: { ...apiHeaders(token, as), 'content-type': 'application/json' },
        body: JSON.stringify({ ...validIdentity(), input: { media } }),
      });
    const uploaded = async (category = 'image', contentType = 'image/png') => {
      const slot = await createSlot(simulator, token, category, contentType);
      expect((await upload(slot)).status).toBe(204);
      return slot.id;
    };

    it('answers 400 validation_failed on input.media.<i>.fileId for a file never issued or not uploaded, and keeps nothing', async () => {
      const pending = (await createSlot(simulator, token)).id;
      const response = await patchWith([
        { context: 'photo-selfie', fileId: randomUUID() },
        { context: 'photo-document-front', fileId: pending },
      ]);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        code: 'validation_failed',
        message: expect.any(String),
        errors: {
          input: {
            media: { '0': { fileId: leaf('not_found') }, '1': { fileId: leaf('not_uploaded') } },
          },
        },
      });
      expect(await (await getKyc(simulator, token)).json()).toMatchObject({
        processes: { identity: { status: 'pending' } },
      });
    });

    it('knows a file only for the user who reserved it', async () => {
      const fileId = await uploaded();
      const response = await patchWith([{ context: 'photo-selfie', fileId }], OTHER_USER);
      expect(await response.json()).toMatchObject({
        errors: { input: { media: { '0': { fileId: leaf('not_found') } } } },
      });
      expect((await patchWith([{ context: 'photo-selfie', fileId }])).status).toBe(200);
    });

    it('wants a category that fits the context, each file named once', async () => {
      const video = await uploaded('video', 'video/mp4');
      const image = await uploaded();
      const document = await uploaded('document', 'application/pdf');
      const response = await patchWith([
        { context: 'photo-selfie', fileId: video },
        { context: 'video', fileId: image },
        { context: 'photo-document-front', fileId: document },
        { context: 'photo-document-back', fileId: document },
      ]);
      expect(await response.json()).toMatchObject({
        errors: {
          input: {
            media: {
              '0': { fileId: leaf('invalid') },
              '1': { fileId: leaf('invalid') },
              '3': { fileId: leaf('duplicate') },
            },
          },
        },
      });
      const fits = await patchWith([
        { context: 'photo-document-front', fileId: document },
        { context: 'photo-document-back', fileId: await uploaded() }, // the identity page says image
        { context: 'video', fileId: video },
      ]);
      expect(fits.status).toBe(200);
    });
  });
});
