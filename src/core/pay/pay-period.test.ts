import { describe, expect, it } from 'vitest';
import { HiloError } from '../errors.js';
import { monthToDate, payPeriod } from './pay-period.js';

describe('payPeriod', () => {
  it('counts both days in full: from 00:00 UTC inclusive to the day after `to`, exclusive', () => {
    expect(payPeriod('2026-12-01', '2026-12-31')).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
      start: '2026-12-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    });
  });

  it('takes a single day and a leap day', () => {
    expect(payPeriod('2028-02-29', '2028-02-29').end).toBe('2028-03-01T00:00:00.000Z');
  });

  it.each([
    ['2026-13-01', 'from "2026-13-01" is not a date (YYYY-MM-DD)'],
    ['2026-02-30', 'from "2026-02-30" is not a date (YYYY-MM-DD)'],
    ['1/12/2026', 'from "1/12/2026" is not a date (YYYY-MM-DD)'],
    ['2026-12-1', 'from "2026-12-1" is not a date (YYYY-MM-DD)'],
  ])('refuses %s with a one-line reason', (from, message) => {
    expect(() => payPeriod(from, '2026-12-31')).toThrow(message);
    expect(() => payPeriod(from, '2026-12-31')).toThrow(HiloError);
  });

  it('names the bounds as the caller calls them', () => {
    expect(() => payPeriod('2026-12-01', '31/12', { from: '--from', to: '--to' })).toThrow(
      /^--to "31\/12" is not a date \(YYYY-MM-DD\)$/,
    );
  });

  it('refuses an end before the start, naming both', () => {
    expect(() => payPeriod('2026-12-31', '2026-12-01')).toThrow(
      'to 2026-12-01 is before from 2026-12-31',
    );
  });

  it('month to date runs from the 1st to today', () => {
    const period = monthToDate(Date.UTC(2026, 11, 7, 23, 59));
    expect([period.from, period.to, period.end]).toEqual([
      '2026-12-01',
      '2026-12-07',
      '2026-12-08T00:00:00.000Z',
    ]);
  });
});
