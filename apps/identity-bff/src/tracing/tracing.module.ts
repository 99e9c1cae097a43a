import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { startTracing, Tracing } from './tracing';

export const TRACING = Symbol('TRACING');

/** Starts tracing with the app and flushes buffered spans when it stops. */
@Global()
@Module({
  providers: [
    {
      provide: TRACING,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => startTracing(c.tracing),
    },
  ],
  exports: [TRACING],
})
export class TracingModule implements OnApplicationShutdown {
  constructor(@Inject(TRACING) private readonly tracing: Tracing) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing.shutdown();
  }
}
