import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { destination } from 'pino';
import { UpholdSimulator } from '../../uphold-sim/src';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { exitCleanlyOnSignals } from './common/graceful-shutdown';
import { exitOnStartFailure } from './common/start-failure';
import { configureApp } from './configure-app';
import { createHttpAdapter } from './http-adapter';
import { createDevIdentity, DEV_AUDIENCE, DEV_ISSUER } from './dev/dev-identity';
import { localCurlExamples } from './dev/local-curl';

/** The upstream user the development token acts for. */
const DEV_USER_ID = '0b5a8c8e-9f1d-4c43-9a3e-5f7e2d1c6b4a';
const DEV_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/**
 * Dev-server origins whose browsers may call the BFF and upload.url: Vite (5173), Angular (4200),
 * Expo web (8081, 19006). Not 3000 (CRA, Next): the BFF listens there. CORS_ORIGINS replaces the list.
 */
export const DEV_CORS_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4200',
  'http://localhost:8081',
  'http://localhost:19006',
];

/**
 * `npm run local`: the BFF on embedded defaults — the bundled upstream simulator, an in-process
 * token store, a development JWT key — for trying the API on a laptop. Never for production.
 */
async function startLocal(): Promise<void> {
  const clientId = 'local-client';
  const clientSecret = 'local-secret';
  const corsOrigins = (process.env.CORS_ORIGINS ?? DEV_CORS_ORIGINS.join(','))
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  // Strict as the upstream: a PATCH may name only files reserved and uploaded in this run.
  const simulator = new UpholdSimulator({
    clientId,
    clientSecret,
    port: Number(process.env.SIM_PORT ?? 0),
    uploadCorsOrigins: corsOrigins,
  });
  const upstreamUrl = await simulator.start();
  const dev = createDevIdentity();
  const config = loadConfig({
    PORT: '3000',
    LOG_LEVEL: 'info',
    SHUTDOWN_DRAIN_DELAY_MS: '0', // no load balancer to warn on a laptop
    ...process.env,
    CORS_ORIGINS: corsOrigins.join(','),
    UPHOLD_BASE_URL: upstreamUrl,
    UPHOLD_CLIENT_ID: clientId,
    UPHOLD_CLIENT_SECRET: clientSecret,
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    AUTH_PUBLIC_KEY: dev.publicKeyPem,
    AUTH_JWKS_URI: '',
    AUTH_ALGORITHMS: 'ES256',
    // the simulator speaks http and the key is a development one: this launcher is the local run
    ALLOW_INSECURE_LOCAL_RUN: 'true',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    // synchronous log lines on a laptop: the banner printed after them stays the last thing printed
    AppModule.forRoot(config, destination({ dest: 1, sync: true })),
    createHttpAdapter(config.trustProxy),
    { bodyParser: false, bufferLogs: true },
  );
  configureApp(app, config);
  exitCleanlyOnSignals(app, {
    drainDelayMs: config.shutdownDrainDelayMs,
    onClosed: () => simulator.stop(),
  });
  await app.listen(config.port, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  app.flushLogs();
  const token = dev.mintToken(DEV_USER_ID, DEV_TOKEN_LIFETIME_SECONDS);
  process.stdout.write(localCurlExamples({ baseUrl, upstreamUrl, token, corsOrigins }));
}

startLocal().catch(exitOnStartFailure);
