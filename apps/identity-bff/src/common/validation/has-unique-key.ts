import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

function keyOf(item: unknown, key: string): unknown {
  return typeof item === 'object' && item !== null
    ? (item as Record<string, unknown>)[key]
    : undefined;
}

/** An array in which no two items share the same string value at `key`; other items are ignored. */
export function HasUniqueKey(key: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasUniqueKey',
      constraints: [key],
      validator: {
        validate: (value: unknown) => {
          if (!Array.isArray(value)) return true;
          const seen = new Set<string>();
          for (const item of value) {
            const itemKey = keyOf(item, key);
            if (typeof itemKey !== 'string') continue;
            if (seen.has(itemKey)) return false;
            seen.add(itemKey);
          }
          return true;
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must not have two items with the same ${key}`,
      },
    },
    options,
  );
}
