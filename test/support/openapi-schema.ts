import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed openapi.json. */
export const OPENAPI = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'),
) as Record<string, unknown>;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...OPENAPI, $id: 'openapi.json' });

/** A JSON pointer into openapi.json, each segment escaped (`/` → `~1`). */
export function pointer(...segments: string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const compiled = new Map<string, ValidateFunction>();

/** A validator for the schema at the pointer, as a generic JSON Schema validator reads it. */
export function schemaAt(at: string): ValidateFunction {
  const cached = compiled.get(at);
  if (cached) return cached;
  const validate = ajv.compile({ $ref: `openapi.json#${at}` });
  compiled.set(at, validate);
  return validate;
}

/** The schema errors of a value, as `path: message` lines (none when it conforms). */
export function schemaErrors(at: string, value: unknown): string[] {
  const validate = schemaAt(at);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message}`);
}

/** The pointer to a request body schema. */
export const requestBodyAt = (path: string, method: string): string =>
  pointer('paths', path, method, 'requestBody', 'content', 'application/json', 'schema');

/** The pointer to a response body schema. */
export const responseBodyAt = (path: string, method: string, status: number): string => {
  const operation = ((OPENAPI.paths as Record<string, Record<string, unknown>>)[path] ?? {})[
    method
  ] as { responses: Record<string, { content?: Record<string, unknown> }> };
  const [mediaType] = Object.keys(operation.responses[String(status)]?.content ?? {});
  return pointer(
    'paths',
    path,
    method,
    'responses',
    String(status),
    'content',
    mediaType,
    'schema',
  );
};
