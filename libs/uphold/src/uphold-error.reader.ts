import {
  isObject,
  parseJson,
  retryAfterSecondsOf,
  UpstreamAnswer,
  upstreamRequestIdOf,
} from './http/response-reading';
import { UpholdError, UpholdErrorKind, UpholdFieldIssue } from './uphold.error';

/** Reads an upstream error answer (status >= 400) into an UpholdError, keeping only code and field errors. */
export function readUpstreamError(response: UpstreamAnswer, operation: string): UpholdError {
  const { status } = response;
  const body = parseJson(response.data);
  const code = isObject(body) && typeof body.code === 'string' ? body.code : undefined;
  const fieldErrors = isObject(body) ? flattenFieldErrors(body.errors) : [];
  return new UpholdError(kindOf(status), `${operation}: upstream answered ${status}`, {
    status,
    code,
    fieldErrors,
    upstreamRequestId: upstreamRequestIdOf(response),
    retryAfterSeconds: retryAfterSecondsOf(response),
  });
}

function kindOf(status: number): UpholdErrorKind {
  if (status === 400 || status === 422) return 'rejected';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'auth_failed';
  if (status >= 500) return 'server_error';
  return 'bad_response';
}

/** `{ output: { person: { birthdate: [ { message } ] } } }` → `[{ path: 'output.person.birthdate', message }]`. */
export function flattenFieldErrors(tree: unknown, prefix = ''): UpholdFieldIssue[] {
  if (Array.isArray(tree)) {
    return tree.map((issue) => ({ path: prefix, message: describeIssue(issue) }));
  }
  if (!isObject(tree)) return [];
  return Object.entries(tree).flatMap(([key, child]) =>
    flattenFieldErrors(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** Our own words from the upstream's machine code: its messages may echo what the user sent. */
function describeIssue(issue: unknown): string {
  const code = isObject(issue) && typeof issue.code === 'string' ? issue.code : '';
  return /^[A-Za-z0-9_.-]{1,64}$/.test(code)
    ? `rejected by the upstream (${code})`
    : 'rejected by the upstream';
}
