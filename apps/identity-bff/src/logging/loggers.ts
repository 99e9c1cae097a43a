import pino, { DestinationStream, Logger } from 'pino';
import { requestLogFields } from './log-context';
import { LOG_REDACTION } from './log-redaction';

/** An app's two pino loggers, on one destination. */
export interface AppLoggers {
  /** Everything the code logs: redacted, with the request id and trace ids when in a request. */
  app: Logger;
  /** The one line per request: fixed fields that can hold no secret, so no redaction pass. */
  requests: Logger;
}

export const APP_LOGGERS = Symbol('APP_LOGGERS');

/** JSON lines to `destination` (stdout by default) at `level`. */
export function createLoggers(level: string, destination?: DestinationStream): AppLoggers {
  const stream = destination ?? pino.destination(1);
  return {
    app: pino({ level, redact: LOG_REDACTION, mixin: requestLogFields }, stream),
    requests: pino({ level }, stream),
  };
}
