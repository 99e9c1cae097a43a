import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import type { SchemaObject } from 'openapi-typescript';
import ts from 'typescript';

/** Where the typed client's generated types live, from the repository root. */
export const CLIENT_TYPES_PATH = 'clients/typescript/src/schema.d.ts';

function knownValuesOf(schema: SchemaObject): string[] | undefined {
  const [known, any] = 'anyOf' in schema && schema.anyOf?.length === 2 ? schema.anyOf : [];
  const isString = (candidate: unknown): candidate is SchemaObject =>
    typeof candidate === 'object' &&
    candidate !== null &&
    'type' in candidate &&
    candidate.type === 'string';
  if (!isString(known) || !isString(any) || 'enum' in any) return undefined;
  const values = 'enum' in known ? known.enum : undefined;
  return values?.every((value) => typeof value === 'string') ? values : undefined;
}

/**
 * An open enum (`anyOf: [{ enum }, { type: string }]`, see open-enum.ts) as
 * `"a" | "b" | (string & Record<never, never>)`: editors offer the known values, and any other
 * string still type-checks. Left alone, it would collapse to `string`.
 */
function openEnumType(schema: SchemaObject): ts.TypeNode | undefined {
  const values = knownValuesOf(schema);
  if (!values) return undefined;
  const anyString = ts.factory.createParenthesizedType(
    ts.factory.createIntersectionTypeNode([
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      ts.factory.createTypeReferenceNode('Record', [
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
        ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
      ]),
    ]),
  );
  const literals = values.map((value) =>
    ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(value)),
  );
  return ts.factory.createUnionTypeNode([...literals, anyString]);
}

/** The TypeScript types of the typed client (clients/typescript), generated from openapi.json. */
export async function renderClientTypes(openApiJson: string): Promise<string> {
  const nodes = await openapiTS(JSON.parse(openApiJson) as Parameters<typeof openapiTS>[0], {
    transform: openEnumType,
  });
  const header = '// Generated from openapi.json by `npm run openapi`: do not edit.\n\n';
  const options = await resolveConfig(CLIENT_TYPES_PATH);
  return format(header + astToString(nodes), { ...options, filepath: CLIENT_TYPES_PATH });
}
