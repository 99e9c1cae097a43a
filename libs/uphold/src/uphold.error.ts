/** What went wrong talking to the upstream, in terms the BFF maps to its own errors. */
export type UpholdErrorKind =
  | 'rejected' // 400 or 422: the upstream refused the request's content
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'rate_limited' // 429
  | 'server_error' // 5xx
  | 'bad_response' // an answer we cannot read
  | 'auth_failed' // the token endpoint refused our credentials, or 401 after a fresh token
  | 'unavailable' // could not reach the upstream or its token endpoint
  | 'timeout'; // no answer in time

/** A field error with the upstream's dotted path, e.g. `output.person.birthdate`. */
export interface UpholdFieldIssue {
  path: string;
  message: string;
}

export interface UpholdErrorDetails {
  status?: number;
  code?: string;
  fieldErrors?: UpholdFieldIssue[];
  upstreamRequestId?: string;
  retryAfterSeconds?: number;
  /** The request provably never reached the upstream (no connection), so even a write may be retried. */
  notSent?: boolean;
  cause?: unknown;
}

/** The one error type thrown by libs/uphold; never carries a token or an upstream body verbatim. */
export class UpholdError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly fieldErrors: UpholdFieldIssue[];
  readonly upstreamRequestId?: string;
  readonly retryAfterSeconds?: number;
  readonly notSent: boolean;

  constructor(
    readonly kind: UpholdErrorKind,
    message: string,
    details: UpholdErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'UpholdError';
    this.status = details.status;
    this.code = details.code;
    this.fieldErrors = details.fieldErrors ?? [];
    this.upstreamRequestId = details.upstreamRequestId;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.notSent = details.notSent ?? false;
  }
}
