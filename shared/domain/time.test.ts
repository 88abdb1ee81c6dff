import { describe, expect, it } from 'vitest';
import { fixedClock } from './clock';
import { addDays, bishkekDate, compareDates, daysBetween, isIsoDate, startOfBishkekDay } from './time';

// Bishkek is UTC+6 all year (no daylight saving): 00:00 Bishkek is 18:00 UTC of the day before.
describe('Bishkek calendar arithmetic (all deadlines are Bishkek calendar days)', () => {
  it.each([
    { date: '2027-03-12', utc: '2027-03-11T18:00:00.000Z' },
    { date: '2027-01-01', utc: '2026-12-31T18:00:00.000Z' },
    { date: '2028-02-29', utc: '2028-02-28T18:00:00.000Z' },
    // No daylight saving: summer and winter have the same offset.
    { date: '2027-07-15', utc: '2027-07-14T18:00:00.000Z' },
  ])('startOfBishkekDay($date) is $utc', ({ date, utc }) => {
    expect(startOfBishkekDay(date).toISOString()).toBe(utc);
  });

  it('gives the same day start again, each time a Date of its own (a caller may change it)', () => {
    const first = startOfBishkekDay('2027-03-12');
    first.setUTCFullYear(1999);
    expect(startOfBishkekDay('2027-03-12').toISOString()).toBe('2027-03-11T18:00:00.000Z');
    // Before 2005 Bishkek kept UTC+5 in winter: the remembered days do not lose the zone's history.
    expect(startOfBishkekDay('2001-01-10').toISOString()).toBe('2001-01-09T19:00:00.000Z');
    expect(startOfBishkekDay('2001-01-10').toISOString()).toBe('2001-01-09T19:00:00.000Z');
  });

  it.each([
    { utc: '2027-03-11T17:59:59.999Z', date: '2027-03-11', why: '23:59:59.999 Bishkek' },
    { utc: '2027-03-11T18:00:00.000Z', date: '2027-03-12', why: '00:00 Bishkek while UTC is still the day before' },
    { utc: '2026-12-31T18:00:00.000Z', date: '2027-01-01', why: 'new year in Bishkek first' },
    { utc: '2027-03-11T00:00:00.000Z', date: '2027-03-11', why: '06:00 Bishkek' },
  ])('bishkekDate($utc) is $date ($why)', ({ utc, date }) => {
    expect(bishkekDate(new Date(utc))).toBe(date);
  });

  it.each([
    { date: '2027-03-14', days: -3, out: '2027-03-11' },
    { date: '2027-03-01', days: -1, out: '2027-02-28' },
    { date: '2028-03-01', days: -1, out: '2028-02-29' },
    { date: '2027-12-31', days: 1, out: '2028-01-01' },
    { date: '2027-03-14', days: 0, out: '2027-03-14' },
  ])('addDays($date, $days) is $out', ({ date, days, out }) => {
    expect(addDays(date, days)).toBe(out);
  });

  it.each([
    { from: '2027-03-11', to: '2027-03-14', n: 3 },
    { from: '2027-03-14', to: '2027-03-11', n: -3 },
    { from: '2027-12-31', to: '2028-03-01', n: 61 },
  ])('daysBetween($from, $to) is $n', ({ from, to, n }) => {
    expect(daysBetween(from, to)).toBe(n);
  });

  it.each([
    { value: '2027-03-14', valid: true },
    { value: '2028-02-29', valid: true },
    { value: '2027-02-29', valid: false },
    { value: '2027-13-01', valid: false },
    { value: '2027-3-14', valid: false },
    { value: '14.03.2027', valid: false },
    { value: '2027-03-14T00:00:00Z', valid: false },
  ])('isIsoDate($value) is $valid', ({ value, valid }) => {
    expect(isIsoDate(value)).toBe(valid);
  });

  it('refuses a malformed date instead of computing with it', () => {
    expect(() => addDays('14.03.2027', 1)).toThrow(RangeError);
    expect(() => startOfBishkekDay('2027-3-1')).toThrow(RangeError);
  });

  it('compares calendar dates', () => {
    expect(compareDates('2027-03-11', '2027-03-14')).toBe(-1);
    expect(compareDates('2027-03-14', '2027-03-14')).toBe(0);
    expect(compareDates('2028-01-01', '2027-12-31')).toBe(1);
  });
});

describe('fixedClock (design principle 6: time is injected)', () => {
  it('always answers the same instant, as a fresh Date each time', () => {
    const clock = fixedClock('2027-03-11T18:00:00Z');
    const a = clock.now();
    a.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2027-03-11T18:00:00.000Z');
  });

  it('refuses an invalid instant', () => {
    expect(() => fixedClock('not a date')).toThrow(RangeError);
  });
});
