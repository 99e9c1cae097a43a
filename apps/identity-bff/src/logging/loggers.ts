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

/** Lines are written to stdout once this many bytes wait… */
export const STDOUT_BATCH_BYTES = 4096;
/** …and at least this often. */
export const STDOUT_FLUSH_MS = 1000;

let stdout: DestinationStream | undefined;

/** JSON lines to `destination` (stdout, batched, by default) at `level`. */
export function createLoggers(level: string, destination?: DestinationStream): AppLoggers {
  const stream = destination ?? batchedStdout();
  return {
    app: pino({ level, redact: LOG_REDACTION, mixin: requestLogFields }, stream),
    requests: pino({ level }, stream),
  };
}

/**
 * The process's stdout, written synchronously in batches: a `write(2)` per line was a tenth of a
 * request's CPU. What waits is written when the process exits (not when it is killed).
 */
function batchedStdout(): DestinationStream {
  if (stdout) return stdout;
  const stream = pino.destination({
    dest: 1,
    sync: true,
    minLength: STDOUT_BATCH_BYTES,
    periodicFlush: STDOUT_FLUSH_MS,
  });
  process.once('exit', () => stream.flushSync());
  stdout = stream;
  return stream;
}
