import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, Run, stop, waitFor } from './support/built-service';
import { freePort } from './support/free-port';

const STARTUP_MS = 60_000; // the built app on a busy machine
const DEV_ORIGIN = 'http://localhost:5173';

interface Slot {
  fileId: string;
  upload: { url: string; formData: Record<string, string>; expiresAt: string };
}

const identityNaming = (fileId: string) => ({
  media: [{ context: 'photo-selfie', fileId }],
  provider: 'veriff',
  verifiedAt: '2020-01-01T00:00:00Z',
  document: { type: 'passport', number: '7700225VH', country: 'GB' },
  person: { givenName: 'John', familyName: 'Doe', birthdate: '1987-09-04' },
});

describe('npm run local: the whole flow of an app (contract §1.3, §3)', () => {
  let local: Run;
  let baseUrl: string;
  let token: string;
  let printedAtStart: string;
  beforeAll(async () => {
    const port = await freePort();
    local = run('local.js', { PORT: String(port) });
    await waitFor(local, /^stop with Ctrl-C$/m, STARTUP_MS);
    await new Promise((resolve) => setTimeout(resolve, 200)); // room for a late start-up line to show
    printedAtStart = local.output();
    baseUrl = `http://127.0.0.1:${port}`;
    [, token] = local.output().match(/Bearer ([\w.-]+)'/) ?? [];
  }, STARTUP_MS + 5_000);
  afterAll(async () => {
    expect(await stop(local)).toBe(0);
  });

  const bff = (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        origin: DEV_ORIGIN,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const reserve = async (): Promise<Slot> => {
    const response = await bff('POST', '/me/identity/files', {
      context: 'photo-selfie',
      contentType: 'image/png',
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Slot;
  };
  const uploadTo = (slot: Slot) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.upload.formData)) form.append(name, value);
    form.append('file', new Blob(['selfie bytes'], { type: 'image/png' }), 'selfie.png');
    return fetch(slot.upload.url, { method: 'POST', body: form, headers: { origin: DEV_ORIGIN } });
  };

  it('reserves a slot via the BFF, uploads the file to upload.url with every formData field, and a PATCH naming it answers 200', async () => {
    const slot = await reserve();
    const uploaded = await uploadTo(slot);
    expect(uploaded.status).toBe(204);
    expect(uploaded.headers.get('access-control-allow-origin')).toBe(DEV_ORIGIN);

    const patch = await bff('PATCH', '/me/identity', identityNaming(slot.fileId));
    expect(patch.status).toBe(200);
    expect(patch.headers.get('access-control-allow-origin')).toBe(DEV_ORIGIN);
    expect(await patch.json()).toMatchObject({
      status: 'ok',
      media: [{ context: 'photo-selfie', fileId: slot.fileId }],
    });
  });

  it('a PATCH naming a file never issued, or one not uploaded yet, answers 422 upstream_rejected with an error on media', async () => {
    const neverIssued = await bff(
      'PATCH',
      '/me/identity',
      identityNaming('75e5be00-4264-4cec-ace6-598bff79932c'),
    );
    expect(neverIssued.status).toBe(422);
    expect(neverIssued.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await neverIssued.json()).toMatchObject({
      code: 'upstream_rejected',
      errors: [{ field: 'media.0.fileId', message: expect.any(String) }],
    });

    const pending = await bff('PATCH', '/me/identity', identityNaming((await reserve()).fileId));
    expect(pending.status).toBe(422);
    expect(await pending.json()).toMatchObject({
      code: 'upstream_rejected',
      errors: [{ field: 'media.0.fileId' }],
    });
  });

  it('lets a dev-server origin through CORS preflights to the BFF and to upload.url', async () => {
    const slot = await reserve();
    for (const url of [`${baseUrl}/me/identity`, slot.upload.url]) {
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin: DEV_ORIGIN,
          'access-control-request-method': url === slot.upload.url ? 'POST' : 'PATCH',
        },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(DEV_ORIGIN);
    }
  });

  it('prints the banner last, and its flow (reserve, upload, PATCH) works as pasted into bash', async () => {
    const output = printedAtStart.trimEnd();
    expect(output.endsWith('stop with Ctrl-C')).toBe(true);
    const banner = output.slice(output.lastIndexOf('\nidentity BFF (local) on '));
    expect(banner).not.toMatch(/"level":/);
    const steps = banner
      .split('\n')
      .filter((line) => /^(SLOT=|printf |node -e |curl -s -X PATCH )/.test(line));
    expect(steps).toHaveLength(4);

    const dir = mkdtempSync(join(tmpdir(), 'local-flow-'));
    try {
      writeFileSync(join(dir, 'flow.sh'), ['set -e', ...steps].join('\n'));
      const shell = spawn('bash', ['flow.sh'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
      let printed = '';
      shell.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
      const [code] = (await once(shell, 'exit')) as [number];
      expect(code).toBe(0);
      const [slotLine, uploadStatus, identityLine] = printed.trim().split('\n');
      const slot = JSON.parse(slotLine) as Slot;
      expect(uploadStatus).toBe('204');
      expect(JSON.parse(identityLine)).toMatchObject({
        status: 'ok',
        media: [{ context: 'photo-selfie', fileId: slot.fileId }],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
