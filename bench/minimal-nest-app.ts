// A floor for resident memory (`npm run bench:floors`): Nest on Fastify with one route that
// answers a constant object, nothing else loaded.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

@Controller('me')
class IdentityController {
  @Get('identity')
  get(): Record<string, string> {
    return { status: 'pending', firstName: 'Ada', lastName: 'Lovelace' };
  }
}

@Module({ controllers: [IdentityController] })
class MinimalModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(MinimalModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
