import { INestApplication, Logger } from '@nestjs/common';

/** In-flight requests get this long to finish after SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGTERM/SIGINT: stop accepting, let requests in flight finish (bounded), run the shutdown hooks
 * (Redis closes), exit 0. Nest's own shutdown hooks re-raise the signal, which exits non-zero.
 */
export function exitCleanlyOnSignals(app: INestApplication, onClosed?: () => Promise<void>): void {
  const logger = new Logger('Shutdown');
  const shutdown = (signal: NodeJS.Signals) => {
    logger.log(`${signal} received: draining`);
    const forced = setTimeout(() => {
      logger.error('requests still in flight after the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    forced.unref();
    app
      .close()
      .then(() => onClosed?.())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
