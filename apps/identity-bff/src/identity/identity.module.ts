import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { json } from 'express';
import { jsonBodyOnly } from '../common/json-body-only';
import { IdentityController } from './identity.controller';
import { IdentityService } from './identity.service';

/** Largest accepted request body (SPEC §1.4: 413 beyond it). */
const BODY_LIMIT = '64kb';

@Module({
  controllers: [IdentityController],
  providers: [IdentityService],
})
export class IdentityModule implements NestModule {
  /** Bodies are read here, after the request logger, so refused bodies are logged too. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(jsonBodyOnly, json({ limit: BODY_LIMIT })).forRoutes(IdentityController);
  }
}
