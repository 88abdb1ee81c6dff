/** Dates are Bishkek's, whatever the zone of the machine that shows them, day first and 24-hour. */
import { describe, expect, it } from 'vitest';
import {
  bishkekDayBounds,
  bishkekDayOf,
  bishkekToday,
  formatCount,
  formatDate,
  formatInstant,
  parseDate,
} from './format';

describe('dates in Asia/Bishkek', () => {
  it('shows an instant at the Bishkek time (UTC+6), 24-hour and day first in every language', () => {
    // 20:30 UTC on 31 December is 02:30 on 1 January in Bishkek.
    expect(formatInstant('2026-12-31T20:30:00Z', 'en')).toBe('01/01/2027, 02:30');
    expect(formatInstant('2026-12-31T20:30:00Z', 'ru')).toBe('01.01.2027, 02:30');
    // Kyrgyz, which browsers lack locale data for, is never month first nor 12-hour.
    expect(formatInstant('2026-11-22T18:34:00Z', 'ky')).toBe('23.11.2026, 00:34');
    expect(formatInstant('2026-11-23T10:05:00Z', 'ky')).toBe('23.11.2026, 16:05');
  });

  it('keeps a calendar date the same day', () => {
    expect(formatDate('2027-01-17', 'ru')).toBe('17.01.2027');
    expect(formatDate('2026-12-26', 'ky')).toBe('26.12.2026');
    expect(formatDate('2026-12-26', 'en')).toBe('26/12/2026');
    expect(formatDate(null, 'en')).toBe('');
  });

  it("knows Bishkek's today when it is still yesterday in UTC", () => {
    expect(bishkekToday(new Date('2027-03-01T19:00:00Z'))).toBe('2027-03-02');
    expect(bishkekDayOf('2027-03-01T17:59:59Z')).toBe('2027-03-01');
  });

  it('gives the instants of a Bishkek day: 18:00 UTC the day before to 18:00 UTC', () => {
    expect(bishkekDayBounds('2026-11-23')).toEqual({
      from: '2026-11-22T18:00:00.000Z',
      to: '2026-11-23T18:00:00.000Z',
    });
  });
});

describe('date fields read what they show', () => {
  it('reads day-first dates with any of the separators the languages use', () => {
    expect(parseDate('12.05.1984')).toBe('1984-05-12');
    expect(parseDate('12/05/1984')).toBe('1984-05-12');
    expect(parseDate(' 2.5.1984 ')).toBe('1984-05-02');
    expect(parseDate('1984-05-12')).toBe('1984-05-12');
  });

  it('refuses what is not a calendar date', () => {
    expect(parseDate('31.02.2026')).toBeNull();
    expect(parseDate('05/12/84')).toBeNull();
    expect(parseDate('mm/dd/151975')).toBeNull();
    expect(parseDate('')).toBeNull();
  });

  it('round-trips every format it shows', () => {
    for (const lang of ['ky', 'ru', 'en'] as const)
      expect(parseDate(formatDate('2033-09-30', lang))).toBe('2033-09-30');
  });
});

describe('counts', () => {
  it('groups digits as the language does', () => {
    expect(formatCount(1033, 'ru')).toBe('1\u00a0033');
    expect(formatCount(1033, 'en')).toBe('1,033');
    expect(formatCount(412, 'ky')).toBe('412');
  });
});
