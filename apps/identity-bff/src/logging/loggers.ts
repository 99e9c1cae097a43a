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

/** Request lines are written to stdout once this many bytes wait… */
export const REQUEST_LINES_BATCH_BYTES = 4096;
/** …and at least this often. */
export const REQUEST_LINES_FLUSH_MS = 1000;

/** pino's own destination (sonic-boom). */
type Stdout = ReturnType<typeof pino.destination>;

let stdout: Stdout | undefined;

/**
 * JSON lines to `destination` at `level`; by default to stdout, where request lines wait in a batch
 * (a `write(2)` per request line is the one a busy service can save) and an app line is written at
 * once, with whatever waits before it.
 */
export function createLoggers(level: string, destination?: DestinationStream): AppLoggers {
  const requestLines = destination ?? batchedStdout();
  const appLines = destination ?? writtenAtOnce(batchedStdout());
  return {
    app: pino({ level, redact: LOG_REDACTION, mixin: requestLogFields }, appLines),
    requests: pino({ level }, requestLines),
  };
}

/**
 * stdout written synchronously in batches; what waits is written when the process exits (not when
 * it is killed). One per process, however many apps it builds.
 */
function batchedStdout(): Stdout {
  if (stdout) return stdout;
  const stream = pino.destination({
    dest: 1,
    sync: true,
    minLength: REQUEST_LINES_BATCH_BYTES,
    periodicFlush: REQUEST_LINES_FLUSH_MS,
  });
  process.once('exit', () => stream.flushSync());
  stdout = stream;
  return stream;
}

function writtenAtOnce(stream: Stdout): DestinationStream {
  return {
    write: (line: string) => {
      stream.write(line);
      stream.flushSync();
    },
  };
}
