import { UpholdTelemetry } from '@app/uphold';
import { Attributes, trace } from '@opentelemetry/api';

/** Adds an event to the request's span, when it is recorded; free when it is not. */
function event(name: string, attributes: () => Attributes): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.addEvent(name, attributes());
}

/**
 * libs/uphold's reports, also as events on the active request span: the token tier that answered,
 * token requests, lock waits, upstream call outcomes, circuit changes.
 */
export function withTraceEvents(telemetry: UpholdTelemetry): UpholdTelemetry {
  return {
    upstreamCall(operation, outcome, seconds) {
      telemetry.upstreamCall(operation, outcome, seconds);
      event('upstream.call', () => ({
        'upstream.operation': operation,
        'upstream.outcome': outcome,
      }));
    },
    tokenRequest(outcome) {
      telemetry.tokenRequest(outcome);
      event('token.fetch', () => ({ 'token.outcome': outcome }));
    },
    tokenLookup(tier, result) {
      telemetry.tokenLookup(tier, result);
      event('token.lookup', () => ({ 'token.tier': tier, 'token.result': result }));
    },
    lockWait(seconds) {
      telemetry.lockWait(seconds);
      event('token.lock_wait', () => ({ 'token.lock_wait_seconds': seconds }));
    },
    tokenAgeAtUse: (seconds) => telemetry.tokenAgeAtUse(seconds),
    redisUp: (up) => telemetry.redisUp(up),
    circuitState(state) {
      telemetry.circuitState(state);
      event('upstream.circuit', () => ({ 'upstream.circuit_state': state }));
    },
  };
}
