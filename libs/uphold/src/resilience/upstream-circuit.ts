import { Logger } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { UpholdError } from '../uphold.error';
import { CircuitState, UpholdTelemetry } from '../uphold.telemetry';

export interface CircuitOptions {
  /** How long the circuit stays open before one probe request is let through. */
  openMs: number;
  /** Attempts in the rolling window before the failure rate can open the circuit. */
  volumeThreshold: number;
  /** Failure rate (percent) of the rolling window above which the circuit opens. */
  errorThresholdPercentage: number;
  /** Length of the rolling window. */
  windowMs: number;
}

export const DEFAULT_CIRCUIT_OPTIONS: CircuitOptions = {
  openMs: 5_000,
  volumeThreshold: 10,
  errorThresholdPercentage: 50,
  windowMs: 10_000,
};

type Attempt = () => Promise<unknown>;

/** Failures that say the upstream is unwell; a 4xx or an unreadable answer is not one. */
const UNWELL = new Set(['unavailable', 'timeout', 'server_error']);

/**
 * A circuit breaker (opossum) around upstream attempts: after a burst of failures it opens and
 * calls fail fast with `unavailable` and a Retry-After, then it lets one probe through.
 */
export class UpstreamCircuit {
  private readonly logger = new Logger(UpstreamCircuit.name);
  private readonly breaker: CircuitBreaker<[Attempt], unknown>;
  private openedAt = 0;

  constructor(
    private readonly options: CircuitOptions,
    private readonly telemetry: UpholdTelemetry,
  ) {
    this.breaker = new CircuitBreaker((attempt: Attempt) => attempt(), {
      timeout: false, // each attempt has its own deadline
      resetTimeout: options.openMs,
      volumeThreshold: options.volumeThreshold,
      errorThresholdPercentage: options.errorThresholdPercentage,
      rollingCountTimeout: options.windowMs,
      rollingCountBuckets: 10,
      // counts only: a latency kept per call for percentiles (and a snapshot sorting them every
      // second) is what opossum does by default, and it stalls a busy process
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      errorFilter: (error: unknown) => !(error instanceof UpholdError && UNWELL.has(error.kind)),
    });
    this.breaker.on('open', () => this.changed('open'));
    this.breaker.on('halfOpen', () => this.changed('half_open'));
    this.breaker.on('close', () => this.changed('closed'));
    telemetry.circuitState('closed');
  }

  get state(): CircuitState {
    if (this.breaker.opened) return 'open';
    return this.breaker.halfOpen ? 'half_open' : 'closed';
  }

  /** Runs one attempt through the breaker; throws `unavailable` (not sent) while it is open. */
  async run<T>(attempt: () => Promise<T>, what: string): Promise<T> {
    try {
      return (await this.breaker.fire(attempt)) as T;
    } catch (error) {
      if (!isOpenCircuit(error)) throw error;
      throw new UpholdError('unavailable', `${what}: circuit open, upstream failing`, {
        retryAfterSeconds: this.secondsUntilProbe(),
        notSent: true,
      });
    }
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private secondsUntilProbe(): number {
    const left = this.openedAt + this.options.openMs - Date.now();
    return Math.max(1, Math.ceil(left / 1000));
  }

  private changed(state: CircuitState): void {
    if (state === 'open') this.openedAt = Date.now();
    const log = state === 'closed' ? 'log' : 'warn';
    this.logger[log](`upstream circuit ${state.replace('_', '-')}`);
    this.telemetry.circuitState(state);
  }
}

function isOpenCircuit(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EOPENBREAKER';
}
