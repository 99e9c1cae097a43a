import { isCalendarDate, isRealDate } from './is-calendar-date';

describe('isRealDate', () => {
  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2000, 2, 29, true], // divisible by 400
    [1900, 2, 29, false], // divisible by 100, not by 400
    [100, 2, 29, false],
    [0, 2, 29, true],
    [2023, 2, 28, true],
    [2023, 4, 31, false],
    [2023, 4, 30, true],
    [2023, 12, 31, true],
    [2023, 1, 32, false],
    [2023, 13, 1, false],
    [2023, 0, 10, false],
    [2023, 1, 0, false],
  ])('%i-%i-%i is %s', (year, month, day, real) => {
    expect(isRealDate(year, month, day)).toBe(real);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['1987-09-04', true],
    ['0099-12-31', true],
    ['1987-02-29', false],
    ['1987-9-04', false],
    ['1987-09-04T00:00:00Z', false],
    [19870904, false],
  ])('%s is %s', (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
  });
});
