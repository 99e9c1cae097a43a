import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { exitCleanlyOnSignals, logUnhandledRejections } from './common/graceful-shutdown';
import { configureApp } from './configure-app';
import { createHttpAdapter } from './http-adapter';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.problems.join('\n')}\n`);
    process.exit(1);
  }
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

void bootstrap();
