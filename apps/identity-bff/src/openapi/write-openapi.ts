import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { writeFileSync } from 'node:fs';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { createHttpAdapter } from '../http-adapter';
import { CLIENT_TYPES_PATH, renderClientTypes } from './client-types';
import { createOpenApiDocument, toOpenApiJson } from './openapi-document';

/** A configuration for describing the routes only: nothing is contacted and no value shows. */
const DESCRIBE_ONLY_ENV = {
  UPHOLD_CLIENT_ID: 'openapi',
  UPHOLD_CLIENT_SECRET: 'openapi',
  AUTH_ISSUER: 'https://issuer.invalid',
  AUTH_AUDIENCE: 'identity-bff',
  AUTH_JWKS_URI: 'https://issuer.invalid/jwks.json',
  LOG_LEVEL: 'silent',
};

/** The committed openapi.json, built from the app without network, Redis or upstream. */
export async function buildOpenApiJson(): Promise<string> {
  const config = loadConfig(DESCRIBE_ONLY_ENV);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createHttpAdapter(config.trustProxy),
    { logger: false, bodyParser: false },
  );
  try {
    return toOpenApiJson(createOpenApiDocument(app));
  } finally {
    await app.close();
  }
}

/** openapi.json, then the typed client's types generated from it. */
async function writeAll(): Promise<void> {
  const json = await buildOpenApiJson();
  writeFileSync('openapi.json', json);
  writeFileSync(CLIENT_TYPES_PATH, await renderClientTypes(json));
}

/** `npm run openapi`: writes both at the repository root (the current directory). */
if (require.main === module) {
  writeAll().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
