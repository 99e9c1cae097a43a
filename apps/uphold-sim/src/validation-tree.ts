import type { FieldError, FieldErrorTree } from './upstream-shapes';

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): boolean {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** An ISO 8601 / RFC 3339 date-time with a zone designator. */
export function isDateTime(value: unknown): boolean {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  return match !== null && isCalendarDate(match[1]);
}

/** Collects every violation into the nested tree the upstream answers: leaves are arrays of {code, message}. */
export class ErrorTree {
  readonly root: FieldErrorTree = {};
  count = 0;

  add(path: readonly string[], code: string, message: string): void {
    let node = this.root;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === undefined || Array.isArray(next)) node = node[key] = {};
      else node = next;
    }
    const leafKey = path[path.length - 1];
    const leaf = node[leafKey];
    const error: FieldError = { code, message };
    if (Array.isArray(leaf)) leaf.push(error);
    else node[leafKey] = [error];
    this.count += 1;
  }

  /** Rejects every property of `value` not in `allowed`. */
  rejectUnknown(path: readonly string[], value: JsonObject, allowed: readonly string[]): void {
    for (const key of Object.keys(value))
      if (!allowed.includes(key))
        this.add([...path, key], 'unknown_property', 'This property is not allowed');
  }

  /** A required non-empty string of at most `max` characters; returns whether it is valid. */
  requireString(path: readonly string[], value: unknown, max = Infinity): boolean {
    if (value === undefined) this.add(path, 'required', 'This value is required');
    else if (typeof value !== 'string') this.add(path, 'invalid', 'This value must be a string');
    else if (value.trim().length === 0) this.add(path, 'required', 'This value must not be empty');
    else if (value.length > max)
      this.add(path, 'too_long', `This value must have at most ${max} characters`);
    else return true;
    return false;
  }

  /** A required value among `choices`. */
  requireChoice(path: readonly string[], value: unknown, choices: readonly string[]): boolean {
    if (value === undefined) this.add(path, 'required', 'This value is required');
    else if (typeof value !== 'string' || !choices.includes(value))
      this.add(path, 'invalid', `This value must be one of: ${choices.join(', ')}`);
    else return true;
    return false;
  }

  /** A required value passing `test`. */
  requireFormat(
    path: readonly string[],
    value: unknown,
    test: (v: unknown) => boolean,
    what: string,
  ): void {
    if (value === undefined) this.add(path, 'required', 'This value is required');
    else if (!test(value)) this.add(path, 'invalid', `This value must be ${what}`);
  }

  /** A required object; returns it when valid. */
  requireObject(path: readonly string[], value: unknown): JsonObject | undefined {
    if (isObject(value)) return value;
    if (value === undefined) this.add(path, 'required', 'This value is required');
    else this.add(path, 'invalid', 'This value must be an object');
    return undefined;
  }
}
