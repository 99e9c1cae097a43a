import { DynamicModule, Module } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { DestinationStream, LevelWithSilent } from 'pino';
import { Options } from 'pino-http';
import { LOG_REDACTION } from './log-redaction';
import { traceLogFields } from '../tracing/trace-log-fields';
import { routeTemplateOf } from './route-template';

type Req = IncomingMessage & { originalUrl?: string };

/** JSON logs (pino), one line per request: id, method, path, route, status, duration, upstream id. */
@Module({})
export class LoggingModule {
  static forRoot(level: string, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: destination ? [httpLogOptions(level), destination] : httpLogOptions(level),
        }),
      ],
    };
  }
}

function httpLogOptions(level: string): Options<Req, ServerResponse> {
  return {
    level,
    redact: LOG_REDACTION,
    mixin: traceLogFields,
    // the id is Fastify's (`genReqId` in http-adapter.ts), which it copies onto the raw request
    serializers: {
      req: (req: Req) => ({ id: req.id, method: req.method, path: pathOf(req) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    // Added to the one line itself: `customProps` would build two more child loggers per request.
    customSuccessObject: withResponseProps,
    // a 5xx line has no stack (pino-http's error for it is its own): the status says it all
    customErrorObject: (req: Req, res: ServerResponse, _error: Error, loggable: object) =>
      withResponseProps(req, res, { ...loggable, err: undefined }),
    customLogLevel: (_req: Req, res: ServerResponse) => levelOf(res.statusCode),
    autoLogging: { ignore: (req: Req) => pathOf(req).startsWith('/health') },
    quietReqLogger: true,
  };
}

/**
 * Our own fault (500) is an error and an upstream's (502–504) a warning; the client's doing (4xx,
 * a request it aborted or did not send in time) is info, however many there are.
 */
function levelOf(status: number): LevelWithSilent {
  if (status === 500) return 'error';
  return status > 500 ? 'warn' : 'info';
}

/** The matched route and the upstream's request id, once the answer is out. */
function withResponseProps(req: Req, res: ServerResponse, loggable: object): object {
  if (!res.headersSent) return loggable;
  return {
    ...loggable,
    route: routeTemplateOf(req),
    upstreamRequestId: res.getHeader('x-upstream-request-id'),
  };
}

/** The path without its query string (queries are not ours to log). */
function pathOf(req: Req): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}
