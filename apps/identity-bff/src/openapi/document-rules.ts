import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { headerRefs, RESPONSE_HEADERS } from './response-headers';

/*
 * Rules that hold for every operation, applied to the built document rather than repeated on
 * every decorator.
 */

type Schema = SchemaObject | ReferenceObject;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((item) =>
    METHODS.flatMap((method) => (item[method] ? [item[method]] : [])),
  );
}

function isReference(schema: Schema): schema is ReferenceObject {
  return '$ref' in schema;
}

/** Every schema a schema reaches, through references, properties, items and compositions. */
function reachable(document: OpenAPIObject, roots: Schema[]): Set<SchemaObject> {
  const found = new Set<SchemaObject>();
  const schemas = document.components?.schemas ?? {};
  const visit = (schema: Schema | undefined): void => {
    if (!schema) return;
    if (isReference(schema))
      return visit(schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (found.has(schema)) return;
    found.add(schema);
    Object.values(schema.properties ?? {}).forEach(visit);
    [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].forEach(visit);
    visit(schema.items);
  };
  roots.forEach(visit);
  return found;
}

/** The service rejects unknown properties at every level of a request body (contract §1.1). */
export function closeRequestSchemas(document: OpenAPIObject): void {
  const roots = operationsOf(document).flatMap((operation) => {
    const body = operation.requestBody;
    if (!body || '$ref' in body) return [];
    return Object.values(body.content).flatMap((media) => (media.schema ? [media.schema] : []));
  });
  for (const schema of reachable(document, roots)) {
    if (schema.properties) schema.additionalProperties = false;
  }
}

/** Every response carries `X-Request-Id` (contract §1.4); the headers are declared once. */
export function addResponseHeaders(document: OpenAPIObject): void {
  document.components = { ...document.components, headers: RESPONSE_HEADERS };
  for (const operation of operationsOf(document)) {
    for (const response of Object.values(operation.responses) as ResponseObject[]) {
      response.headers = { ...headerRefs('X-Request-Id'), ...response.headers };
    }
  }
}
