import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { jsonBodyOnly } from '../common/json-body-only';
import { IdentityController } from './identity.controller';
import { IdentityService } from './identity.service';

@Module({
  controllers: [IdentityController],
  providers: [IdentityService],
})
export class IdentityModule implements NestModule {
  /**
   * Non-JSON writes are refused here, after the request logger, so they are logged too; Fastify
   * reads JSON bodies after every middleware (`common/json-body-parser.ts`, 64 KiB at most).
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(jsonBodyOnly).forRoutes(IdentityController);
  }
}
