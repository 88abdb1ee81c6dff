import { describe, expect, it } from 'vitest';
import { electionInput, electionPatch } from './election';
import { country, COUNTRY_CODES } from './countries';
import { calendarDate } from './dates';

const election = {
  kind: 'presidential',
  name: { ky: 'Президенттик шайлоо', ru: 'Президентские выборы', en: 'Presidential election' },
  calledOn: '2027-01-10',
  votingDay: '2027-03-14',
};

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => ({ field: i.path.join('.'), rule: i.message }));
}

describe('one calendar-date schema for bodies, queries and stored records', () => {
  it.each(['2027-01-17', '1900-01-01', '2099-12-31', '2028-02-29'])('accepts %s', (value) => {
    expect(calendarDate.safeParse(value).success).toBe(true);
  });

  it.each([
    ['9999-12-31', 'years 1900 to 2099'],
    ['2100-01-01', 'years 1900 to 2099'],
    ['20261201', 'YYYY-MM-DD'],
    ['2026-12-01T00:00:00Z', 'YYYY-MM-DD'],
    ['2027-02-29', 'YYYY-MM-DD'],
    ['٢٠٢٦-١٢-٠١', 'YYYY-MM-DD'],
  ])('refuses %s, naming the rule', (value, rule) => {
    const result = calendarDate.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(rule);
  });
});

describe('an election: every date readable, then the rules between them (2.2, 3.6, 3.7)', () => {
  it.each([
    [{ resultsPublishedOn: '9999-12-31' }, 'resultsPublishedOn', 'years 1900 to 2099'],
    [{ votingDay: '9999-12-31' }, 'votingDay', 'years 1900 to 2099'],
    [{ votingDay: '20261201' }, 'votingDay', 'YYYY-MM-DD'],
    [{ votingDay: '2026-12-01T00:00:00Z' }, 'votingDay', 'YYYY-MM-DD'],
    [{ votingDay: { $gt: '' } }, 'votingDay', 'expected string'],
    [{ windowOffsetDays: 0 }, 'windowOffsetDays', '(3.6)'],
    [{ windowOffsetDays: 31 }, 'windowOffsetDays', '(3.6)'],
    [{ calledOn: '2027-03-14' }, 'calledOn', '(2.2)'],
    [{ resultsPublishedOn: '2027-03-13' }, 'resultsPublishedOn', '(3.7)'],
    [{ repeatVoting: { votingDay: '2027-03-14' } }, 'repeatVoting.votingDay', '(3.7)'],
    [
      { repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: '2027-03-27' } },
      'repeatVoting.resultsPublishedOn',
      '(3.7)',
    ],
  ])('%j is refused on %s', (over, field, rule) => {
    const issues = issuesOf(electionInput.safeParse({ ...election, ...over }));
    expect(issues).toEqual([{ field, rule: expect.stringContaining(rule) }]);
  });

  it('accepts a consistent election and fills the defaults', () => {
    const result = electionInput.safeParse(election);
    expect(result.data).toMatchObject({ windowOffsetDays: 3, resultsPublishedOn: null, repeatVoting: null });
  });

  it('a change is read with the same date schema', () => {
    const issues = issuesOf(electionPatch.safeParse({ version: 1, resultsPublishedOn: '9999-12-31' }));
    expect(issues).toEqual([{ field: 'resultsPublishedOn', rule: expect.stringContaining('1900 to 2099') }]);
  });
});

describe('countries: assigned ISO 3166-1 alpha-2 codes only', () => {
  it('holds the 249 assigned codes, each a region the runtime can name', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).not.toBe(code);
  });

  it.each(['KG', 'DE', 'US', 'GB', 'KZ', 'SS', 'BQ'])('accepts %s', (code) => {
    expect(country.safeParse(code).success).toBe(true);
  });

  it.each(['ZZ', 'XX', 'UK', 'EU', 'SU', 'YU', 'XK', 'AA', 'de', 'DEU', ''])('refuses %s', (code) => {
    const result = country.safeParse(code);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/ISO 3166-1 alpha-2/);
  });
});
