import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { isCountryCode } from './is-country-code';

const SUBDIVISION = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

function countryOf(args: ValidationArguments, countryProperty: string): unknown {
  return (args.object as Record<string, unknown>)[countryProperty];
}

/** An ISO 3166-2 code (`GB-MAN`) prefixed by the sibling country, compared once that one is valid. */
export function IsSubdivisionOf(
  countryProperty: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSubdivisionOf',
      constraints: [countryProperty],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          if (typeof value !== 'string' || !SUBDIVISION.test(value)) return false;
          const country = args ? countryOf(args, countryProperty) : undefined;
          return !isCountryCode(country) || value.slice(0, 2) === country;
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be an ISO 3166-2 code whose prefix equals ${countryProperty}`,
      },
    },
    options,
  );
}
