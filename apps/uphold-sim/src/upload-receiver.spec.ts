import { createHash, randomUUID } from 'node:crypto';
import {
  createSlot,
  fetchToken,
  postForm,
  sendJsonTo,
  startSimulator,
  upload,
  validIdentity,
} from '../test/sim-test-kit';
import type { UpholdSimulator } from './simulator';
import type { FileAnswer } from './upstream-shapes';

type Slot = FileAnswer['file'];
const IMAGE_LIMIT = 1024; // a small limit keeps the bodies of these tests small
const ORIGIN = 'http://localhost:5173';

describe('POST upload.url (the S3-style form upload)', () => {
  let simulator: UpholdSimulator;
  let token: string;
  beforeAll(async () => {
    simulator = await startSimulator({
      maxUploadBytes: { image: IMAGE_LIMIT },
      uploadCorsOrigins: [ORIGIN],
    });
    token = await fetchToken(simulator);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => simulator.stop());

  const statusOf = (slot: Slot) => simulator.files().find((f) => f.id === slot.id)?.status;
  async function expectRefused(response: Response, status: number, code: string, slot?: Slot) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(await response.text()).toContain(`<Code>${code}</Code>`);
    if (slot) expect(statusOf(slot)).toBe('pending');
  }
  const withoutField = (slot: Slot, name: string) =>
    Object.fromEntries(Object.entries(slot.upload.formData).filter(([key]) => key !== name));

  it('takes every formData field then the file, answers 204 with the ETag, and the file becomes uploaded', async () => {
    const slot = await createSlot(simulator, token);
    expect(statusOf(slot)).toBe('pending');
    const response = await upload(slot, 'some png bytes');
    expect(response.status).toBe(204);
    expect(response.headers.get('etag')).toBe(
      `"${createHash('md5').update('some png bytes').digest('hex')}"`,
    );
    expect(simulator.files().find((f) => f.id === slot.id)).toMatchObject({
      status: 'uploaded',
      size: 14,
      category: 'image',
      contentType: 'image/png',
    });
    expect(simulator.requestsTo('upload')).toEqual([
      expect.objectContaining({ method: 'POST', path: `/uploads/${slot.id}`, body: undefined }),
    ]);
  });

  it('gives an S3-style signed policy naming the fields, the content type and the size range', async () => {
    const slot = await createSlot(simulator, token);
    const { policy, ...fields } = slot.upload.formData;
    const decoded = JSON.parse(Buffer.from(policy, 'base64').toString()) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(decoded.expiration).toBe(slot.upload.expiresAt);
    expect(decoded.conditions).toEqual(
      expect.arrayContaining([
        { key: slot.id },
        { 'Content-Type': 'image/png' },
        ['content-length-range', 1, IMAGE_LIMIT],
      ]),
    );
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['key', 'Content-Type', 'x-amz-signature']),
    );
  });

  it('refuses 403 AccessDenied when any formData field is missing or changed, or one is added', async () => {
    const slot = await createSlot(simulator, token);
    const file = { bytes: 'x', type: 'image/png' };
    for (const name of Object.keys(slot.upload.formData)) {
      await expectRefused(
        await postForm(slot.upload.url, { fields: withoutField(slot, name), file }),
        403,
        'AccessDenied',
        slot,
      );
      const changed = { ...slot.upload.formData, [name]: `${slot.upload.formData[name]}x` };
      await expectRefused(
        await postForm(slot.upload.url, { fields: changed, file }),
        403,
        'AccessDenied',
        slot,
      );
    }
    const extra = { ...slot.upload.formData, acl: 'public-read' };
    await expectRefused(
      await postForm(slot.upload.url, { fields: extra, file }),
      403,
      'AccessDenied',
      slot,
    );
    expect((await upload(slot)).status).toBe(204); // the slot is still good for a right form
  });

  it('refuses 403 a file part whose content type differs from the slot, or that declares none', async () => {
    const slot = await createSlot(simulator, token);
    const fields = slot.upload.formData;
    for (const type of ['image/jpeg', 'text/plain', '']) {
      await expectRefused(
        await postForm(slot.upload.url, { fields, file: { bytes: 'x', type } }),
        403,
        'AccessDenied',
        slot,
      );
    }
  });

  it('refuses 403 an unknown slot, a used one, and an expired one', async () => {
    const unknown = await postForm(`${simulator.url}/uploads/${randomUUID()}`, {
      fields: {},
      file: { bytes: 'x', type: 'image/png' },
    });
    await expectRefused(unknown, 403, 'AccessDenied');

    const used = await createSlot(simulator, token);
    expect((await upload(used)).status).toBe(204);
    await expectRefused(await upload(used), 403, 'AccessDenied');

    const late = await createSlot(simulator, token);
    const expiresAt = Date.parse(late.upload.expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(895_000);
    jest.spyOn(Date, 'now').mockReturnValue(expiresAt);
    const expired = await upload(late);
    await expectRefused(expired, 403, 'AccessDenied', late);
    jest.spyOn(Date, 'now').mockReturnValue(expiresAt - 1);
    expect((await upload(late)).status).toBe(204);
  });

  it('takes a file of exactly the category limit, refuses 400 EntityTooLarge one byte more and EntityTooSmall an empty one', async () => {
    const big = await createSlot(simulator, token);
    await expectRefused(await upload(big, 'x'.repeat(IMAGE_LIMIT + 1)), 400, 'EntityTooLarge', big);
    await expectRefused(await upload(big, 'x'.repeat(100 * 1024)), 400, 'EntityTooLarge', big);
    await expectRefused(await upload(big, ''), 400, 'EntityTooSmall', big);
    expect((await upload(big, 'x'.repeat(IMAGE_LIMIT))).status).toBe(204);
  });

  it('uses the documented limit of each category by default', async () => {
    const plain = await startSimulator();
    try {
      const slot = await createSlot(plain, await fetchToken(plain), 'document', 'application/pdf');
      const range = (
        JSON.parse(Buffer.from(slot.upload.formData.policy, 'base64').toString()) as {
          conditions: unknown[];
        }
      ).conditions.find(Array.isArray);
      expect(range).toEqual(['content-length-range', 1, 25_000_000]);
    } finally {
      await plain.stop();
    }
  });

  it('refuses 400 a form without a file, with two, with the file under another name, or with a field after it or twice', async () => {
    const slot = await createSlot(simulator, token);
    const fields = slot.upload.formData;
    const file = { bytes: 'x', type: 'image/png' };
    await expectRefused(await postForm(slot.upload.url, { fields }), 400, 'InvalidArgument', slot);
    const two = new FormData();
    for (const [name, value] of Object.entries(fields)) two.append(name, value);
    two.append('file', new Blob(['a'], { type: 'image/png' }), 'a.png');
    two.append('file', new Blob(['b'], { type: 'image/png' }), 'b.png');
    await expectRefused(
      await fetch(slot.upload.url, { method: 'POST', body: two }),
      400,
      'InvalidArgument',
      slot,
    );
    await expectRefused(
      await postForm(slot.upload.url, { fields, file: { ...file, field: 'upload' } }),
      400,
      'InvalidArgument',
      slot,
    );
    await expectRefused(
      await postForm(slot.upload.url, { fields, file, trailing: { note: 'late' } }),
      400,
      'InvalidArgument',
      slot,
    );
    const twice = new FormData();
    for (const [name, value] of Object.entries(fields)) twice.append(name, value);
    twice.append('key', fields.key);
    twice.append('file', new Blob(['a'], { type: 'image/png' }), 'a.png');
    await expectRefused(
      await fetch(slot.upload.url, { method: 'POST', body: twice }),
      400,
      'InvalidArgument',
      slot,
    );
  });

  it('refuses 400 a body that is not multipart/form-data, or broken multipart, and 405 other methods', async () => {
    const slot = await createSlot(simulator, token);
    const json = await fetch(slot.upload.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(slot.upload.formData),
    });
    await expectRefused(json, 400, 'MalformedPOSTRequest', slot);
    const broken = await fetch(slot.upload.url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="key"\r\n\r\nabc',
    });
    await expectRefused(broken, 400, 'MalformedPOSTRequest', slot);
    const put = await fetch(slot.upload.url, { method: 'PUT', body: 'x' });
    await expectRefused(put, 405, 'MethodNotAllowed', slot);
  });

  it('answers CORS for the configured origins only', async () => {
    const slot = await createSlot(simulator, token);
    const preflight = (origin: string) =>
      fetch(slot.upload.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    await expectRefused(await preflight('http://evil.example'), 403, 'AccessDenied');
    const posted = await postForm(
      slot.upload.url,
      { fields: slot.upload.formData, file: { bytes: 'x', type: 'image/png' } },
      { origin: ORIGIN },
    );
    expect(posted.status).toBe(204);
    expect(posted.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(posted.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('plays faults set for the upload route', async () => {
    const slot = await createSlot(simulator, token);
    simulator.setFault('upload', { status: 503, times: 1 });
    expect((await upload(slot)).status).toBe(503);
    expect(statusOf(slot)).toBe('pending');
    expect((await upload(slot)).status).toBe(204);
  });

  it('hands out upload URLs on publicUrl when set', async () => {
    const behind = await startSimulator({ publicUrl: 'http://uphold-sim:8080' });
    try {
      const slot = await createSlot(behind, await fetchToken(behind));
      expect(slot.upload.url).toBe(`http://uphold-sim:8080/uploads/${slot.id}`);
    } finally {
      await behind.stop();
    }
  });

  it('a PATCH may name the file once it is uploaded', async () => {
    const slot = await createSlot(simulator, token);
    const body = validIdentity();
    body.input.media = [{ context: 'photo-selfie', fileId: slot.id }];
    const path = '/core/kyc/processes/identity';
    expect((await sendJsonTo(simulator, 'PATCH', path, token, body)).status).toBe(400);
    expect((await upload(slot)).status).toBe(204);
    expect((await sendJsonTo(simulator, 'PATCH', path, token, body)).status).toBe(200);
  });
});
