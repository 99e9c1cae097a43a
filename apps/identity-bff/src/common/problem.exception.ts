/** The error codes of contract §1.4; every error the BFF answers carries one. */
export const PROBLEM_CODES = [
  'validation_failed',
  'unauthorized',
  'user_not_linked',
  'upstream_forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'upstream_rejected',
  'rate_limited',
  'upstream_error',
  'upstream_auth_failed',
  'identity_provider_unavailable',
  'upstream_unavailable',
  'upstream_timeout',
  'internal_error',
] as const;

/** One of the error codes of contract §1.4. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One field-level error, with a first-party path such as `person.address.city` or `media.0.fileId`. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error that the problem-details filter renders as `application/problem+json`. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
  }
}
