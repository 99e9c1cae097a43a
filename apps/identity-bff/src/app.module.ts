import { UpholdModule } from '@app/uphold';
import { DynamicModule, Module } from '@nestjs/common';
import { DestinationStream } from 'pino';
import { AuthModule } from './auth/auth.module';
import { LoggingModule } from './logging/logging.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { TracingModule } from './tracing/tracing.module';

@Module({})
export class AppModule {
  /** The whole BFF for one validated configuration (main.ts and every e2e test build it this way). */
  static forRoot(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        TracingModule,
        MetricsModule,
        LoggingModule.forRoot(config.logLevel, logDestination),
        UpholdModule.forRoot({ ...config.uphold, isGlobal: true }),
        AuthModule,
        RateLimitModule, // after AuthModule: limits count verified users only
        IdentityModule,
        HealthModule,
      ],
    };
  }
}
