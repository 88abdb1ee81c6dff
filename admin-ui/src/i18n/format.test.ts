/** Dates are Bishkek's, whatever the zone of the machine that shows them. */
import { describe, expect, it } from 'vitest';
import { bishkekToday, formatDate, formatInstant } from './format';

describe('dates in Asia/Bishkek', () => {
  it('shows an instant at the Bishkek time (UTC+6)', () => {
    // 20:30 UTC on 31 December is 02:30 on 1 January in Bishkek.
    expect(formatInstant('2026-12-31T20:30:00Z', 'en')).toBe('01/01/2027, 02:30');
    expect(formatInstant('2026-12-31T20:30:00Z', 'ru')).toBe('01.01.2027, 02:30');
  });

  it('keeps a calendar date the same day', () => {
    expect(formatDate('2027-01-17', 'ru')).toBe('17.01.2027');
    expect(formatDate(null, 'en')).toBe('');
  });

  it("knows Bishkek's today when it is still yesterday in UTC", () => {
    expect(bishkekToday(new Date('2027-03-01T19:00:00Z'))).toBe('2027-03-02');
  });
});
