import type { HeaderObject, ReferenceObject } from '@nestjs/swagger';

/** The response headers of contract §1.4, declared once under `components.headers`. */
export const RESPONSE_HEADERS = {
  'X-Request-Id': {
    description:
      "The request's id: the caller's `X-Request-Id` when it is a sane id, else generated; " +
      'also in the problem body and the log line',
    required: true,
    schema: { type: 'string' },
    example: '8d0c1f7e-5b3a-4c2e-9f1d-2a6b7c8d9e0f',
  },
  'X-Upstream-Request-Id': {
    description: "The upstream's `X-Uphold-Request-Id`, where the upstream answered",
    schema: { type: 'string' },
    example: '0b0f5e6c-3a43-4f87-8d1c-6f2e3b4a5c6d',
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    required: true,
    schema: { type: 'integer', minimum: 1 },
    example: 5,
  },
  'WWW-Authenticate': {
    description: 'The bearer challenge (RFC 6750)',
    required: true,
    schema: { type: 'string' },
    example: 'Bearer error="invalid_token"',
  },
} satisfies Record<string, HeaderObject>;

/** A response header of {@link RESPONSE_HEADERS}. */
export type ResponseHeader = keyof typeof RESPONSE_HEADERS;

/** References to the named headers, for a response's `headers`. */
export function headerRefs(...names: ResponseHeader[]): Record<string, ReferenceObject> {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}
