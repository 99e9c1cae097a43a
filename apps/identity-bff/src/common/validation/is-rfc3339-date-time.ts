import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { isRealDate } from './is-calendar-date';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an RFC 3339 date-time with an offset, or undefined when it is not one. */
export function parseRfc3339DateTime(value: unknown): number | undefined {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [offsetHour, offsetMinute] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  const validTime = hour <= 23 && minute <= 59 && second <= 59;
  const validOffset = offsetHour <= 23 && offsetMinute <= 59;
  if (!isRealDate(year, month, day) || !validTime || !validOffset) return undefined;
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const instant = new Date(Date.UTC(2000, 0, 1, hour, minute, second, millis));
  instant.setUTCFullYear(year, month - 1, day);
  const offsetMillis = (offsetHour * 60 + offsetMinute) * 60_000 * (match[8] === '-' ? -1 : 1);
  return instant.getTime() - offsetMillis;
}

/** An RFC 3339 date-time with an offset (`Z` or `±hh:mm`), at most `maxFutureSeconds` ahead of now. */
export function IsRfc3339DateTime(
  maxFutureSeconds?: number,
  options?: ValidationOptions,
): PropertyDecorator {
  const ahead =
    maxFutureSeconds === undefined
      ? ''
      : `, not more than ${maxFutureSeconds} seconds in the future`;
  return ValidateBy(
    {
      name: 'isRfc3339DateTime',
      constraints: [maxFutureSeconds],
      validator: {
        validate: (value: unknown) => {
          const instant = parseRfc3339DateTime(value);
          if (instant === undefined) return false;
          return maxFutureSeconds === undefined || instant <= Date.now() + maxFutureSeconds * 1000;
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be an RFC 3339 date-time with an offset${ahead}`,
      },
    },
    options,
  );
}
