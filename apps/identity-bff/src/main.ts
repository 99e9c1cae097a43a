import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadConfig } from './config/app-config';
import { exitCleanlyOnSignals, logUnhandledRejections } from './common/graceful-shutdown';
import { exitOnStartFailure } from './common/start-failure';
import { configureApp } from './configure-app';
import { createHttpAdapter } from './http-adapter';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createHttpAdapter(config.trustProxy),
    { bodyParser: false, bufferLogs: true },
  );
  configureApp(app, config);
  exitCleanlyOnSignals(app, { drainDelayMs: config.shutdownDrainDelayMs });
  logUnhandledRejections();
  await app.listen(config.port, '0.0.0.0'); // every IPv4 interface (Fastify's default is localhost)
}

bootstrap().catch(exitOnStartFailure);
