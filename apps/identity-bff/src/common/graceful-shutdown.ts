import { INestApplication, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DrainState } from '../health/drain-state';

/** In-flight requests get this long to finish once the server stops accepting. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface ShutdownOptions {
  /** Readiness fails this long before the server stops accepting, so load balancers catch up. */
  drainDelayMs: number;
  /** Runs after the app has closed (e.g. stops the local simulator). */
  onClosed?: () => Promise<void>;
}

/**
 * SIGTERM/SIGINT: readiness goes false, then (after the drain delay) the server stops accepting,
 * requests in flight finish (bounded), the shutdown hooks run (Redis closes), and the process
 * exits 0. Nest's own shutdown hooks re-raise the signal, which exits non-zero.
 */
export function exitCleanlyOnSignals(app: INestApplication, options: ShutdownOptions): void {
  const logger = new Logger('Shutdown');
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    logger.log(`${signal} received: readiness off, draining in ${options.drainDelayMs} ms`);
    app.get(DrainState).startDraining();
    await sleep(options.drainDelayMs);
    const forced = setTimeout(() => {
      logger.error('requests still in flight after the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forced.unref();
    await app.close();
    await options.onClosed?.();
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    shutdown(signal).catch((error: unknown) => {
      logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** A stray rejected promise is a bug to log, never a reason to drop every request in flight. */
export function logUnhandledRejections(): void {
  const logger = new Logger('Process');
  process.on('unhandledRejection', (reason: unknown) => {
    const what = reason instanceof Error ? `${reason.name}: ${reason.message}` : typeof reason;
    logger.error(`unhandled promise rejection (kept running): ${what}`);
  });
}
