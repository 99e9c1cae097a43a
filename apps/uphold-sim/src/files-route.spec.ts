import { fetchToken, sendJsonTo, startSimulator } from '../test/sim-test-kit';
import { CONTENT_TYPES_BY_CATEGORY } from './files-route';
import type { UpholdSimulator } from './simulator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /core/files', () => {
  let simulator: UpholdSimulator;
  let token: string;
  beforeAll(async () => {
    simulator = await startSimulator();
    token = await fetchToken(simulator);
  });
  afterAll(() => simulator.stop());

  const createFile = (body: unknown) => sendJsonTo(simulator, 'POST', '/core/files', token, body);

  it('answers 201 with an upload slot on the simulator that expires in 900 s', async () => {
    const before = Date.now();
    const response = await createFile({ category: 'image', contentType: 'image/png' });
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as {
      file: {
        id: string;
        upload: { url: string; formData: Record<string, string>; expiresAt: string };
      };
    };
    expect(file).toMatchObject({ status: 'pending', category: 'image', contentType: 'image/png' });
    expect(file.id).toMatch(UUID);
    expect(file.upload.url).toBe(`${simulator.url}/uploads/${file.id}`);
    expect(file.upload.formData).toEqual({
      key: file.id,
      'Content-Type': 'image/png',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': expect.stringMatching(/^SIMULATOR\/\d{8}\/local\/s3\/aws4_request$/),
      'x-amz-date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
      policy: expect.any(String),
      'x-amz-signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const expiresIn = Date.parse(file.upload.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(900_000);
    expect(expiresIn).toBeLessThan(905_000);
  });

  it.each(
    Object.entries(CONTENT_TYPES_BY_CATEGORY).flatMap(([c, types]) => types.map((t) => [c, t])),
  )('accepts %s with %s', async (category, contentType) => {
    expect((await createFile({ category, contentType })).status).toBe(201);
  });

  it('rejects a content type the category does not allow', async () => {
    for (const [category, contentType] of [
      ['image', 'application/pdf'],
      ['video', 'image/png'],
      ['document', 'video/mp4'],
    ]) {
      const response = await createFile({ category, contentType });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        code: 'validation_failed',
        message: expect.any(String),
        errors: { contentType: [{ code: 'invalid', message: expect.any(String) }] },
      });
    }
  });

  it('rejects an unknown category, a missing content type and unknown properties together', async () => {
    const response = await createFile({ category: 'audio', size: 10 });
    expect(await response.json()).toMatchObject({
      code: 'validation_failed',
      errors: {
        category: [{ code: 'invalid' }],
        contentType: [{ code: 'required' }],
        size: [{ code: 'unknown_property' }],
      },
    });
  });
});
