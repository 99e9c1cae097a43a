import { UpholdError, UpholdErrorKind } from '@app/uphold';
import { ProblemCode, ProblemException } from './problem.exception';

/** Used when the upstream asks for a pause but does not say how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

interface Mapping {
  status: number;
  code: ProblemCode;
  detail: string;
  retryAfter?: true;
}

const BY_KIND: Record<UpholdErrorKind, Mapping> = {
  rejected: {
    status: 422,
    code: 'upstream_rejected',
    detail: 'The upstream rejected the request.',
  },
  forbidden: {
    status: 403,
    code: 'upstream_forbidden',
    detail: 'The upstream refused this action.',
  },
  not_found: { status: 404, code: 'not_found', detail: 'The upstream has no such resource.' },
  conflict: {
    status: 409,
    code: 'conflict',
    detail: 'The request conflicts with the current state.',
  },
  rate_limited: {
    status: 429,
    code: 'rate_limited',
    detail: 'The upstream is rate limiting; retry later.',
    retryAfter: true,
  },
  server_error: { status: 502, code: 'upstream_error', detail: 'The upstream failed.' },
  bad_response: {
    status: 502,
    code: 'upstream_error',
    detail: 'The upstream answered malformed data.',
  },
  auth_failed: {
    status: 502,
    code: 'upstream_auth_failed',
    detail: 'The service could not authenticate with the upstream.',
  },
  unavailable: {
    status: 503,
    code: 'upstream_unavailable',
    detail: 'The upstream cannot be reached; retry later.',
    retryAfter: true,
  },
  timeout: {
    status: 504,
    code: 'upstream_timeout',
    detail: 'The upstream did not answer in time.',
  },
};

/** Maps an upstream failure to contract §1.4; `toField` turns upstream field paths into first-party ones. */
export function toUpstreamProblem(
  error: UpholdError,
  toField: (upstreamPath: string) => string,
): ProblemException {
  const { status, code, detail, retryAfter } = BY_KIND[error.kind];
  const headers: Record<string, string> = {};
  if (error.upstreamRequestId) headers['X-Upstream-Request-Id'] = error.upstreamRequestId;
  if (retryAfter) {
    headers['Retry-After'] = String(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
  }
  const errors = error.fieldErrors.map((issue) => ({
    field: toField(issue.path),
    message: issue.message,
  }));
  return new ProblemException(status, code, detail, errors, headers);
}
