import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Bounds for {@link IsCalendarDate}: `min` as `YYYY-MM-DD`, `notAfterToday` in UTC. */
export interface CalendarDateBounds {
  min?: string;
  notAfterToday?: boolean;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Whether the year, month (1–12) and day exist on the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const lastDay = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  return day <= lastDay;
}

/** Whether the value is a `YYYY-MM-DD` string naming a day that exists. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? CALENDAR_DATE.exec(value) : null;
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function isWithin(value: string, bounds: CalendarDateBounds): boolean {
  const tooEarly = bounds.min !== undefined && value < bounds.min;
  const tooLate = bounds.notAfterToday === true && value > todayUtc();
  return !tooEarly && !tooLate;
}

function boundsText(bounds: CalendarDateBounds): string {
  const upper = bounds.notAfterToday ? 'today' : undefined;
  if (bounds.min && upper) return ` from ${bounds.min} to ${upper}`;
  if (bounds.min) return ` on or after ${bounds.min}`;
  return upper ? ` not after ${upper}` : '';
}

/** A real calendar date `YYYY-MM-DD` (2023-02-30 is rejected), optionally within bounds. */
export function IsCalendarDate(
  bounds: CalendarDateBounds = {},
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      constraints: [bounds],
      validator: {
        validate: (value: unknown) => isCalendarDate(value) && isWithin(value, bounds),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be a real calendar date (YYYY-MM-DD)${boundsText(bounds)}`,
      },
    },
    options,
  );
}
