import { TransformationType } from 'class-transformer';
import { Class, planOf } from './class-plan';

type Json = Record<string, unknown>;

/** Keys never copied: class-transformer skips the first two, Nest's ValidationPipe deletes all three. */
const SKIPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What class-transformer's `plainToInstance` makes of parsed JSON, without its general walk: an
 * array item by item, an object as an instance of `cls` (a plain object without one), and any
 * other value as it is, so class-validator reports a string where an object belongs as it did.
 */
export function toInstanceTree(value: unknown, cls: Class | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => toInstanceTree(item, cls));
  if (value !== null && typeof value === 'object') return toInstance(value as Json, cls);
  return value;
}

function toInstance(source: Json, cls: Class | undefined): Json {
  const plan = cls && planOf(cls);
  const target = (cls ? new cls() : {}) as Json;
  for (const key of Object.keys(source)) {
    // as class-transformer: a method or read-only property of the target is never overwritten
    if (SKIPPED_KEYS.has(key) || plan?.prototypeKeys.has(key) || target[key] instanceof Function)
      continue;
    const property = plan?.properties.get(key);
    let value = toInstanceTree(source[key], property?.nested);
    for (const { transformFn } of property?.transforms ?? []) {
      value = transformFn({
        value,
        key,
        obj: source,
        type: TransformationType.PLAIN_TO_CLASS,
        options: {},
      });
    }
    target[key] = value;
  }
  return target;
}
