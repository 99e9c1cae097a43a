import {
  isISO31661Alpha2,
  ValidateBy,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

/** Whether the value is an assigned ISO 3166-1 alpha-2 code written in upper case. */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value);
}

/** An assigned ISO 3166-1 alpha-2 country code in upper case (`GB`; not `gb`, not `XX`). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) => isCountryCode(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be an upper-case ISO 3166-1 alpha-2 country code`,
      },
    },
    options,
  );
}
