import { createServer, IncomingMessage, Server } from 'node:http';
import { Browser, chromium, Page } from 'playwright-core';
import { validIdentityRequest } from '../../apps/identity-bff/src/identity/dto/update-identity.fixture';
import { startBff, startSimulator, testEnv, TestBff } from '../support/bff';
import { freePort } from '../support/free-port';
import { userToken } from '../support/test-keys';
import { UpholdSimulator } from '../../apps/uphold-sim/src';

/** Debian's chromium, headless; the flags keep it from reaching the network on its own. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

jest.setTimeout(60_000);

/** A web frontend's origin: serves one empty page, from which the test runs the app's fetch. */
async function startPageServer(port: number): Promise<Server> {
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.end('<!doctype html><title>frontend</title><p>frontend</p>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

interface FetchOutcome {
  status?: number;
  requestId?: string | null;
  challenge?: string | null;
  error?: string;
}

/** What the web frontend does: PATCH /me/identity with fetch and a bearer token, no credentials. */
function patchIdentityFrom(page: Page, bffUrl: string, token: string): Promise<FetchOutcome> {
  return page.evaluate(
    async ({ url, bearer, body }) => {
      try {
        const response = await fetch(`${url}/me/identity`, {
          method: 'PATCH',
          headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const { status, headers } = response;
        const challenge = headers.get('WWW-Authenticate');
        return { status, requestId: headers.get('X-Request-Id'), challenge };
      } catch (error) {
        return { error: (error as Error).name };
      }
    },
    { url: bffUrl, bearer: token, body: validIdentityRequest() },
  );
}

/** Records the method of every request the BFF's HTTP server receives, until stopped. */
function recordMethods(bff: TestBff): { methods: string[]; stop(): void } {
  const methods: string[] = [];
  const server: Server = bff.app.getHttpServer();
  const record = (request: IncomingMessage) => methods.push(request.method ?? '');
  server.on('request', record);
  return { methods, stop: () => server.off('request', record) };
}

describe('in a real browser (headless Chromium)', () => {
  let sim: UpholdSimulator;
  let bff: TestBff;
  let browser: Browser;
  let allowedOrigin: string;
  let otherOrigin: string;
  const pageServers: Server[] = [];

  beforeAll(async () => {
    const [allowedPort, otherPort] = [await freePort(), await freePort()];
    allowedOrigin = `http://127.0.0.1:${allowedPort}`;
    otherOrigin = `http://127.0.0.1:${otherPort}`;
    pageServers.push(await startPageServer(allowedPort), await startPageServer(otherPort));
    sim = await startSimulator();
    bff = await startBff(testEnv(sim.url, { CORS_ORIGINS: allowedOrigin }));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await bff?.close();
    await sim?.stop();
    await Promise.all(pageServers.map((server) => new Promise((done) => server.close(done))));
  });

  async function pageAt(origin: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  it('lets a page from CORS_ORIGINS PATCH /me/identity and read X-Request-Id', async () => {
    const received = recordMethods(bff);
    const page = await pageAt(allowedOrigin);
    const outcome = await patchIdentityFrom(page, bff.url, userToken());
    received.stop();
    expect(received.methods).toEqual(['OPTIONS', 'PATCH']);
    expect(outcome.status).toBe(200);
    expect(outcome.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.requestsTo('patchIdentity')).toHaveLength(1);
    await page.close();
  });

  it('lets that page read why a 401 was answered (WWW-Authenticate)', async () => {
    const page = await pageAt(allowedOrigin);
    const outcome = await patchIdentityFrom(page, bff.url, `${userToken()}x`);
    expect(outcome.status).toBe(401);
    expect(outcome.challenge).toBe('Bearer error="invalid_token"');
    await page.close();
  });

  it('blocks the same fetch from another origin at the preflight: nothing reaches the upstream', async () => {
    const before = sim.requestsTo('patchIdentity').length;
    const received = recordMethods(bff);
    const page = await pageAt(otherOrigin);
    const outcome = await patchIdentityFrom(page, bff.url, userToken());
    received.stop();
    expect(outcome).toEqual({ error: 'TypeError' });
    expect(received.methods).toEqual(['OPTIONS']);
    expect(sim.requestsTo('patchIdentity')).toHaveLength(before);
    await page.close();
  });

  it('renders the Swagger UI at /docs with no Content Security Policy violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto(`${bff.url}/docs`);
    await page.waitForSelector('.swagger-ui .info .title');
    await page.waitForSelector('.opblock-summary-path');
    expect(await page.textContent('.swagger-ui .info .title')).toContain('identity BFF');
    expect(violations).toEqual([]);
    await page.close();
  });
});
