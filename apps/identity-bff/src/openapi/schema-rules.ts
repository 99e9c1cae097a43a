import { CountryCodes } from 'validator/lib/isISO31661Alpha2';

/**
 * Schema facts of the request rules (contract §1.1), in the JSON Schema dialect of OpenAPI 3.0
 * (ECMA-262 patterns). The service's validators stay the authority: a test holds the two together.
 */

/** The assigned ISO 3166-1 alpha-2 codes, from the list the service's validator checks against. */
export const COUNTRY_CODES: readonly string[] = [...CountryCodes].sort();

/** The UUIDs the service accepts: versions 1 to 8 with the RFC 9562 variant, nil and max. */
export const UUID_PATTERN =
  '^(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[1-8][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}' +
  '|00000000-0000-0000-0000-000000000000|[Ff]{8}-[Ff]{4}-[Ff]{4}-[Ff]{4}-[Ff]{12})$';

/** RFC 3339 date-time with an offset, `T` between date and time (no space). */
export const DATE_TIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:[Zz]|[+-]\\d{2}:\\d{2})$';

/** `YYYY-MM-DD` from the year 1900 on (`format: date` checks that the day exists). */
export const DATE_FROM_1900_PATTERN = '^(?:19\\d{2}|[2-9]\\d{3})-\\d{2}-\\d{2}$';

const CONTROL = '\\u0000-\\u001F\\u007F-\\u009F';

/**
 * 1 to 200 characters once leading and trailing white space is trimmed (`\s` is what trimming
 * removes), none of them a control character.
 */
export const TRIMMED_NAME_PATTERN = `^\\s*[^\\s${CONTROL}](?:[^${CONTROL}]{0,198}[^\\s${CONTROL}])?\\s*$`;

/** ISO 3166-2: a country code, a hyphen and one to three letters or digits. */
export const SUBDIVISION_PATTERN = '^[A-Z]{2}-[A-Z0-9]{1,3}$';
