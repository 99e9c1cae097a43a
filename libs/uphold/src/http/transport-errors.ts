import { UpholdError } from '../uphold.error';

/** Failures to connect: the request never left this process. */
const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * Turns a failure without an answer (the transport's, or axios's for the token endpoint: both
 * carry Node's error code, or ECONNABORTED for a timeout) into the UpholdError the BFF maps
 * (refused, timeout, broken).
 */
export function transportError(error: unknown, what: string): UpholdError {
  const code = codeOf(error);
  if (code && REFUSED.has(code)) {
    return new UpholdError('unavailable', `${what}: upstream unreachable (${code})`, {
      cause: error,
      notSent: true,
    });
  }
  if (code && TIMED_OUT.has(code)) {
    return new UpholdError('timeout', `${what}: no answer in time`, { cause: error });
  }
  return new UpholdError('server_error', `${what}: connection failed (${code ?? 'unknown'})`, {
    cause: error,
  });
}

function codeOf(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
