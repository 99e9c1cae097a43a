import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * A string with known values that the upstream may extend. Every value is valid, so generated
 * clients never reject a new one; `anyOf` keeps the known values visible to readers and generators
 * (the client's generator renders it as `"a" | "b" | (string & {})`).
 */
export function openEnum(values: readonly string[], description: string): ApiPropertyOptions {
  return {
    type: undefined,
    description,
    anyOf: [{ type: 'string', enum: [...values] }, { type: 'string' }],
    example: values[0],
  };
}
