import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { FieldError, ProblemCode } from '../common/problem.exception';
import { EXAMPLE_REQUEST_ID, ProblemDetails } from './problem-details.schema';
import { headerRefs, ResponseHeader } from './response-headers';

/** One code of an error status: when it is answered, and the `detail` of its example. */
interface ProblemCase {
  code: ProblemCode;
  when: string;
  detail: string;
  errors?: FieldError[];
}

interface ProblemStatusDoc {
  cases: ProblemCase[];
  headers?: ResponseHeader[];
}

/** contract §1.4: each error status, its codes, when each is answered, and its headers. */
const PROBLEMS = {
  400: {
    cases: [
      {
        code: 'validation_failed',
        when: 'the body breaks a rule of the request schema, or is not valid JSON; nothing is sent upstream',
        detail: 'The request body is invalid.',
        errors: [
          {
            field: 'person.birthdate',
            message: 'birthdate must be a real calendar date (YYYY-MM-DD) from 1900-01-01 to today',
          },
          { field: 'media', message: 'media must not have two items with the same context' },
        ],
      },
      {
        code: 'bad_request',
        when: 'the request is not valid HTTP, or its path is not a valid URL; nothing is sent upstream',
        detail: 'The request is malformed.',
      },
    ],
  },
  401: {
    cases: [
      {
        code: 'unauthorized',
        when: 'missing, malformed, expired (or without `exp`) or wrongly signed JWT, wrong `iss`/`aud`, a disallowed `alg`',
        detail: 'A valid bearer token is required.',
      },
    ],
    headers: ['WWW-Authenticate'],
  },
  403: {
    cases: [
      {
        code: 'user_not_linked',
        when: 'the JWT has no usable upstream user id (claim missing or not a UUID)',
        detail: 'The access token does not carry a usable user id.',
      },
      {
        code: 'upstream_forbidden',
        when: 'the upstream answered 403',
        detail: 'The upstream refused this action.',
      },
    ],
    headers: ['X-Upstream-Request-Id'],
  },
  404: {
    cases: [
      {
        code: 'not_found',
        when: 'unknown route, or the upstream answered 404',
        detail: 'The upstream has no such resource.',
      },
    ],
    headers: ['X-Upstream-Request-Id'],
  },
  409: {
    cases: [
      {
        code: 'conflict',
        when: 'the upstream answered 409',
        detail: 'The request conflicts with the current state.',
      },
    ],
    headers: ['X-Upstream-Request-Id'],
  },
  413: {
    cases: [
      {
        code: 'payload_too_large',
        when: 'the body is over 64 KiB',
        detail: 'The request body is larger than 64 KiB.',
      },
    ],
  },
  415: {
    cases: [
      {
        code: 'unsupported_media_type',
        when: 'the body is not `application/json` (`application/*+json` types included)',
        detail: 'The request body must be application/json.',
      },
    ],
  },
  422: {
    cases: [
      {
        code: 'upstream_rejected',
        when: 'the upstream answered 400 or 422; its field errors are mapped to first-party paths',
        detail: 'The upstream rejected the request.',
        errors: [{ field: 'document.number', message: 'is not valid for this document type' }],
      },
    ],
    headers: ['X-Upstream-Request-Id'],
  },
  429: {
    cases: [
      {
        code: 'rate_limited',
        when: "the user exceeded the BFF's per-user limit, or the upstream answered 429",
        detail: 'Too many requests for this user; retry later.',
      },
    ],
    headers: ['Retry-After', 'X-Upstream-Request-Id'],
  },
  408: {
    cases: [
      {
        code: 'request_timeout',
        when: 'the client did not send the whole request (headers and body) within 30 s; answered before routing',
        detail: 'The request was not received in time.',
      },
    ],
  },
  414: {
    cases: [
      {
        code: 'uri_too_long',
        when: 'the request path is too long to route; answered before routing',
        detail: 'The request URI is too long.',
      },
    ],
  },
  431: {
    cases: [
      {
        code: 'request_header_fields_too_large',
        when: 'the request headers are too large; answered before routing',
        detail: 'The request headers are too large.',
      },
    ],
  },
  500: {
    cases: [
      {
        code: 'internal_error',
        when: 'anything else; details only in the log',
        detail: 'Something went wrong on our side.',
      },
    ],
  },
  502: {
    cases: [
      {
        code: 'upstream_error',
        when: 'the upstream answered 5xx, or a malformed body',
        detail: 'The upstream failed.',
      },
      {
        code: 'upstream_auth_failed',
        when: 'the token endpoint refused the client credentials, or the upstream still answered 401 after one fresh token',
        detail: 'The service could not authenticate with the upstream.',
      },
    ],
    headers: ['X-Upstream-Request-Id'],
  },
  503: {
    cases: [
      {
        code: 'identity_provider_unavailable',
        when: "the JWT's keys cannot be had (the JWKS endpoint is down and nothing is cached); never a 401: the user need not sign in again",
        detail: 'The identity provider cannot be reached; retry later.',
      },
      {
        code: 'upstream_unavailable',
        when: 'the upstream or its token endpoint cannot be reached (refused, circuit open, token endpoint 5xx after retries)',
        detail: 'The upstream cannot be reached; retry later.',
      },
    ],
    headers: ['Retry-After'],
  },
  504: {
    cases: [
      {
        code: 'upstream_timeout',
        when: 'the upstream did not answer within `UPSTREAM_TIMEOUT_MS`',
        detail: 'The upstream did not answer in time.',
      },
    ],
  },
} satisfies Record<number, ProblemStatusDoc>;

/** An error status of contract §1.4. */
export type ProblemStatus = keyof typeof PROBLEMS;

function exampleOf(status: number, problem: ProblemCase) {
  return {
    summary: problem.when,
    value: {
      type: 'about:blank',
      title: STATUS_CODES[status],
      status,
      detail: problem.detail,
      code: problem.code,
      requestId: EXAMPLE_REQUEST_ID,
      ...(problem.errors ? { errors: problem.errors } : {}),
    },
  };
}

/** Documents each status as an `application/problem+json` response with one example per code. */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) => {
      const { cases, headers = [] }: ProblemStatusDoc = PROBLEMS[status];
      return ApiResponse({
        status,
        description: cases.map(({ code, when }) => `- \`${code}\`: ${when}`).join('\n'),
        headers: headerRefs(...headers),
        content: {
          'application/problem+json': {
            schema: { $ref: getSchemaPath(ProblemDetails) },
            examples: Object.fromEntries(cases.map((c) => [c.code, exampleOf(status, c)])),
          },
        },
      });
    }),
  );
}
