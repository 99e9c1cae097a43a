import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemCode } from '../common/problem.exception';
import { ProblemDetails } from './problem-details.schema';

interface ProblemResponse {
  codes: ProblemCode[];
  when: string;
  headers?: Record<string, { description: string; schema: { type: 'string' } }>;
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait', schema: { type: 'string' } },
} as const;

/** contract §1.4: each error status, its codes and when it is answered. */
const PROBLEMS = {
  400: {
    codes: ['validation_failed'],
    when: 'the body breaks a rule, or is not valid JSON; nothing is sent upstream',
  },
  401: {
    codes: ['unauthorized'],
    when: 'missing, malformed, expired (or no exp) or wrongly signed JWT, wrong iss/aud, disallowed alg',
    headers: {
      'WWW-Authenticate': {
        description: 'Bearer error="invalid_token"',
        schema: { type: 'string' },
      },
    },
  },
  403: {
    codes: ['user_not_linked', 'upstream_forbidden'],
    when: 'the JWT has no usable user id, or the upstream answered 403',
  },
  404: { codes: ['not_found'], when: 'the upstream answered 404' },
  409: { codes: ['conflict'], when: 'the upstream answered 409' },
  413: { codes: ['payload_too_large'], when: 'the body is over 64 KiB' },
  415: { codes: ['unsupported_media_type'], when: 'the body is not application/json' },
  422: {
    codes: ['upstream_rejected'],
    when: 'the upstream answered 400 or 422; its field errors mapped to first-party paths',
  },
  429: {
    codes: ['rate_limited'],
    when: 'too many requests; retry after `Retry-After` seconds',
    headers: RETRY_AFTER,
  },
  500: { codes: ['internal_error'], when: 'anything else; details only in the log' },
  502: {
    codes: ['upstream_error', 'upstream_auth_failed'],
    when: 'the upstream failed, answered malformed data, or refused our credentials',
  },
  503: {
    codes: ['identity_provider_unavailable', 'upstream_unavailable'],
    when: "the JWT's keys cannot be had (JWKS endpoint down, none held), or the upstream can't be reached",
    headers: RETRY_AFTER,
  },
  504: { codes: ['upstream_timeout'], when: 'the upstream did not answer in time' },
} satisfies Record<number, ProblemResponse>;

/** An error status of contract §1.4. */
export type ProblemStatus = keyof typeof PROBLEMS;

/** Documents each status as an `application/problem+json` response naming its codes. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) => {
      const problem: ProblemResponse = PROBLEMS[status];
      return ApiResponse({
        status,
        description: `${problem.codes.map((code) => `\`${code}\``).join(', ')}: ${problem.when}`,
        headers: problem.headers,
        content: {
          'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetails) } },
        },
      });
    }),
  );
}
