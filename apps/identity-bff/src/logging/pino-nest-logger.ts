import { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { loggerInContext } from './log-context';

/**
 * Nest's logger on pino: during a request, the logger of the app serving it (several apps may
 * share a process, and Nest's static `Logger` has only one); else this app's. Nest's own
 * conventions: the last string argument is the context (`new Logger('Name')`), an `error`'s
 * string argument before it is a stack.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = loggerInContext() ?? this.root;
    if (!logger.isLevelEnabled(level)) return;
    const last = params.at(-1);
    const fields: Record<string, unknown> = typeof last === 'string' ? { context: last } : {};
    const stack = level === 'error' && params.length > 1 ? params.at(-2) : undefined;
    if (typeof stack === 'string') fields.stack = stack;
    if (message instanceof Error) logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null)
      logger[level]({ ...fields, ...message });
    else logger[level](fields, String(message));
  }
}
