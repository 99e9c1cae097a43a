import { DynamicModule, Global, Module } from '@nestjs/common';
import { DestinationStream } from 'pino';
import { APP_LOGGERS, createLoggers } from './loggers';
import { PinoNestLogger } from './pino-nest-logger';

/** JSON logs (pino): the app's loggers, and Nest's logger on them (`app.useLogger`). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(level: string, destination?: DestinationStream): DynamicModule {
    const loggers = createLoggers(level, destination);
    return {
      module: LoggingModule,
      providers: [
        { provide: APP_LOGGERS, useValue: loggers },
        { provide: PinoNestLogger, useValue: new PinoNestLogger(loggers.app) },
      ],
      exports: [APP_LOGGERS, PinoNestLogger],
    };
  }
}
