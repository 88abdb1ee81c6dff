import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_OFFSET_DAYS,
  type ElectionDates,
  calendarDateProblem,
  checkCalledBy,
  checkElectionDates,
  daysLeftInWindow,
  deriveCalendar,
  invitationsAllowed,
  isMandateOver,
  isWindowOpen,
  lastAccreditationDay,
  mandateEndsOn,
  mandateExpiresAt,
  passportMustBeValidOn,
  phaseOf,
  windowClosesAt,
} from './calendar';

/**
 * Voting day D = Sunday 14 March 2027; the calling was published on 10 January 2027.
 * Bishkek is UTC+6: 00:00 Bishkek of a day is 18:00 UTC of the day before.
 */
const election: ElectionDates = { calledOn: '2027-01-10', votingDay: '2027-03-14' };
const at = (iso: string) => new Date(iso);

describe('3.6: the accreditation window (default offset 3: last day D−3, closed from 00:00 Bishkek of D−2)', () => {
  it('3.6: the default offset is 3 days', () => {
    expect(DEFAULT_WINDOW_OFFSET_DAYS).toBe(3);
    expect(lastAccreditationDay(election)).toBe('2027-03-11');
    expect(lastAccreditationDay({ ...election, windowOffsetDays: 3 })).toBe('2027-03-11');
  });

  it('3.6: the window closes at 00:00 Bishkek of D−2, which is 18:00 UTC of D−3', () => {
    expect(windowClosesAt(election).toISOString()).toBe('2027-03-11T18:00:00.000Z');
  });

  it.each([
    {
      label: 'before the calling is published (23:59:59 Bishkek of the day before)',
      utc: '2027-01-09T17:59:59Z',
      open: false,
    },
    {
      label: 'the calling day 00:00 Bishkek (18:00 UTC the day before) opens it',
      utc: '2027-01-09T18:00:00Z',
      open: true,
    },
    { label: 'a day in the middle', utc: '2027-02-20T09:00:00Z', open: true },
    { label: 'last day D−3 00:00 Bishkek is open', utc: '2027-03-10T18:00:00Z', open: true },
    { label: 'last day D−3 23:59:59 Bishkek is open', utc: '2027-03-11T17:59:59Z', open: true },
    { label: 'last day D−3 23:59:59.999 Bishkek is open', utc: '2027-03-11T17:59:59.999Z', open: true },
    { label: 'D−2 00:00 Bishkek is closed although UTC is still D−3', utc: '2027-03-11T18:00:00Z', open: false },
    { label: 'D−2 02:00 Bishkek (20:00 UTC of D−3) is closed', utc: '2027-03-11T20:00:00Z', open: false },
    { label: 'voting day is closed', utc: '2027-03-14T06:00:00Z', open: false },
  ])('3.6: $label', ({ utc, open }) => {
    expect(isWindowOpen(election, at(utc))).toBe(open);
  });
});

describe('3.6: the offset is a per-election setting', () => {
  it.each([
    { offset: 5, lastDay: '2027-03-09', closesAt: '2027-03-09T18:00:00.000Z' },
    { offset: 0, lastDay: '2027-03-14', closesAt: '2027-03-14T18:00:00.000Z' },
    { offset: 1, lastDay: '2027-03-13', closesAt: '2027-03-13T18:00:00.000Z' },
  ])('3.6: offset $offset: last day $lastDay, closed from $closesAt', ({ offset, lastDay, closesAt }) => {
    const e = { ...election, windowOffsetDays: offset };
    expect(lastAccreditationDay(e)).toBe(lastDay);
    expect(windowClosesAt(e).toISOString()).toBe(closesAt);
  });

  it.each([
    { label: 'offset 5: last day D−5 23:59:59 Bishkek is open', offset: 5, utc: '2027-03-09T17:59:59Z', open: true },
    { label: 'offset 5: D−4 00:00 Bishkek is closed', offset: 5, utc: '2027-03-09T18:00:00Z', open: false },
    {
      label: 'offset 5: D−3 noon is closed although the default would be open',
      offset: 5,
      utc: '2027-03-11T06:00:00Z',
      open: false,
    },
    { label: 'offset 0: voting day 23:59:59 Bishkek is open', offset: 0, utc: '2027-03-14T17:59:59Z', open: true },
    {
      label: 'offset 0: the day after voting day 00:00 Bishkek is closed',
      offset: 0,
      utc: '2027-03-14T18:00:00Z',
      open: false,
    },
  ])('3.6: $label', ({ offset, utc, open }) => {
    expect(isWindowOpen({ ...election, windowOffsetDays: offset }, at(utc))).toBe(open);
  });
});

describe('2.2, Art. 10.1: invitations only after the calling is published', () => {
  it.each([
    { label: 'the day before the calling (23:59:59 Bishkek) is too early', utc: '2027-01-09T17:59:59.999Z', ok: false },
    { label: 'a week before the calling is too early', utc: '2027-01-03T12:00:00Z', ok: false },
    {
      label: 'the calling day 00:00 Bishkek (18:00 UTC of the day before) is allowed',
      utc: '2027-01-09T18:00:00Z',
      ok: true,
    },
    { label: 'after the calling is allowed', utc: '2027-02-01T12:00:00Z', ok: true },
  ])('2.2: $label', ({ utc, ok }) => {
    expect(invitationsAllowed(election, at(utc))).toBe(ok);
  });
});

describe('3.5, 3.7: mandate end and expiry', () => {
  it.each([
    {
      label: 'results not published yet: no end known',
      e: election,
      endsOn: null,
      expiresAt: null,
    },
    {
      label: 'results published: mandates end that day, certificates invalid from 00:00 Bishkek the next day',
      e: { ...election, resultsPublishedOn: '2027-03-21' },
      endsOn: '2027-03-21',
      expiresAt: '2027-03-21T18:00:00.000Z',
    },
    {
      label: 'repeat voting appointed: mandates run on past the first results without re-accreditation',
      e: { ...election, resultsPublishedOn: '2027-03-21', repeatVoting: { votingDay: '2027-03-28' } },
      endsOn: null,
      expiresAt: null,
    },
    {
      label: 'repeat voting with results pending (explicit null): still running',
      e: {
        ...election,
        resultsPublishedOn: '2027-03-21',
        repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: null },
      },
      endsOn: null,
      expiresAt: null,
    },
    {
      label: 'repeat voting results published: mandates end that day',
      e: {
        ...election,
        resultsPublishedOn: '2027-03-21',
        repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: '2027-04-02' },
      },
      endsOn: '2027-04-02',
      expiresAt: '2027-04-02T18:00:00.000Z',
    },
  ])('3.7: $label', ({ e, endsOn, expiresAt }) => {
    expect(mandateEndsOn(e)).toBe(endsOn);
    expect(mandateExpiresAt(e)?.toISOString() ?? null).toBe(expiresAt);
  });

  const published = { ...election, resultsPublishedOn: '2027-03-21' };
  it.each([
    { label: 'results day 23:59:59 Bishkek: certificates still valid', utc: '2027-03-21T17:59:59Z', over: false },
    {
      label: 'the next day 00:00 Bishkek (18:00 UTC of the results day): mandates over',
      utc: '2027-03-21T18:00:00Z',
      over: true,
    },
  ])('3.7: $label', ({ utc, over }) => {
    expect(isMandateOver(published, at(utc))).toBe(over);
  });

  it('3.7: without published results a mandate is never over, however late', () => {
    expect(isMandateOver(election, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('3.7: a repeat voting keeps the mandates of those already accredited running after the first results', () => {
    const repeat = { ...published, repeatVoting: { votingDay: '2027-03-28' } };
    expect(isMandateOver(published, at('2027-03-25T06:00:00Z'))).toBe(true);
    expect(isMandateOver(repeat, at('2027-03-25T06:00:00Z'))).toBe(false);
    const repeatDone = { ...published, repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: '2027-04-02' } };
    expect(isMandateOver(repeatDone, at('2027-04-02T17:59:59Z'))).toBe(false);
    expect(isMandateOver(repeatDone, at('2027-04-02T18:00:00Z'))).toBe(true);
  });
});

describe('3.7: the day a passport must still be valid on', () => {
  it.each([
    { label: 'results pending: voting day', e: election, day: '2027-03-14' },
    {
      label: 'results published: the results day',
      e: { ...election, resultsPublishedOn: '2027-03-21' },
      day: '2027-03-21',
    },
    {
      label: 'repeat voting appointed, results pending: the repeat voting day',
      e: { ...election, resultsPublishedOn: '2027-03-21', repeatVoting: { votingDay: '2027-03-28' } },
      day: '2027-03-28',
    },
    {
      label: 'repeat voting results published: that day',
      e: { ...election, repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: '2027-04-02' } },
      day: '2027-04-02',
    },
  ])('3.7: $label', ({ e, day }) => {
    expect(passportMustBeValidOn(e)).toBe(day);
  });
});

describe('the phase of an election', () => {
  const e = { ...election, resultsPublishedOn: '2027-03-21' };
  it.each([
    { label: '2.2: before the calling: not-called', utc: '2027-01-09T17:59:59Z', phase: 'not-called' },
    { label: '3.6: in the window: called', utc: '2027-03-11T17:59:59Z', phase: 'called' },
    { label: '3.6: from 00:00 Bishkek of D−2: window-closed', utc: '2027-03-11T18:00:00Z', phase: 'window-closed' },
    { label: '3.7: results day: window-closed', utc: '2027-03-21T17:59:59Z', phase: 'window-closed' },
    { label: '3.7: after the results day: mandates-ended', utc: '2027-03-21T18:00:00Z', phase: 'mandates-ended' },
  ])('$label', ({ utc, phase }) => {
    expect(phaseOf(e, at(utc))).toBe(phase);
  });
});

describe('deriveCalendar (what the API shows)', () => {
  it('3.6, 3.7: derives every date of the calendar as instants and Bishkek days', () => {
    expect(deriveCalendar({ ...election, resultsPublishedOn: '2027-03-21' })).toEqual({
      invitationsFrom: '2027-01-09T18:00:00.000Z',
      windowOpensAt: '2027-01-09T18:00:00.000Z',
      lastAccreditationDay: '2027-03-11',
      windowClosesAt: '2027-03-11T18:00:00.000Z',
      mandateEndsOn: '2027-03-21',
      mandateExpiresAt: '2027-03-21T18:00:00.000Z',
      passportMustBeValidOn: '2027-03-21',
    });
  });

  it('3.7: mandate fields stay null until results are published', () => {
    const c = deriveCalendar(election);
    expect(c.mandateEndsOn).toBeNull();
    expect(c.mandateExpiresAt).toBeNull();
    expect(c.passportMustBeValidOn).toBe('2027-03-14');
  });
});

describe('3.6: days left in the window, counting today in Bishkek', () => {
  it.each([
    { label: 'last day D−3 23:59:59 Bishkek: 1 day left', utc: '2027-03-11T17:59:59Z', days: 1 },
    { label: 'D−4 00:00 Bishkek (18:00 UTC of D−5): 2 days left', utc: '2027-03-09T18:00:00Z', days: 2 },
    { label: 'D−4 23:59 Bishkek: still 2 days left', utc: '2027-03-10T17:59:00Z', days: 2 },
    { label: '5 March 00:00 Bishkek: 7 days left (5 to 11 March)', utc: '2027-03-04T18:00:00Z', days: 7 },
    { label: 'D−2 00:00 Bishkek: closed, 0', utc: '2027-03-11T18:00:00Z', days: 0 },
    { label: 'before the calling: 0', utc: '2027-01-01T00:00:00Z', days: 0 },
  ])('3.6: $label', ({ utc, days }) => {
    expect(daysLeftInWindow(election, at(utc))).toBe(days);
  });
});

describe('checkElectionDates: each issue names the field and the clause', () => {
  it('accepts consistent dates', () => {
    expect(checkElectionDates(election)).toEqual([]);
    expect(
      checkElectionDates({
        ...election,
        windowOffsetDays: 30,
        calledOn: '2027-01-01',
        resultsPublishedOn: '2027-03-14',
        repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: '2027-03-28' },
      }),
    ).toEqual([]);
  });

  it.each([
    { label: '3.6: a negative offset', patch: { windowOffsetDays: -1 }, field: 'windowOffsetDays', clause: '(3.6)' },
    { label: '3.6: a fractional offset', patch: { windowOffsetDays: 2.5 }, field: 'windowOffsetDays', clause: '(3.6)' },
    { label: '3.6: an offset above 30', patch: { windowOffsetDays: 31 }, field: 'windowOffsetDays', clause: '(3.6)' },
    {
      label: '3.6: offset 0 (accreditation on voting day itself)',
      patch: { windowOffsetDays: 0 },
      field: 'windowOffsetDays',
      clause: '(3.6)',
    },
    {
      label: '2.2: calling published on voting day',
      patch: { calledOn: '2027-03-14' },
      field: 'calledOn',
      clause: '(2.2)',
    },
    {
      label: '2.2: calling published after voting day',
      patch: { calledOn: '2027-03-15' },
      field: 'calledOn',
      clause: '(2.2)',
    },
    {
      label: '3.6: the window would end before the calling (offset 5, calling 4 days before voting)',
      patch: { calledOn: '2027-03-10', windowOffsetDays: 5 },
      field: 'windowOffsetDays',
      clause: '(3.6)',
    },
    {
      label: '3.7: results published before voting day',
      patch: { resultsPublishedOn: '2027-03-13' },
      field: 'resultsPublishedOn',
      clause: '(3.7)',
    },
    {
      label: '3.7: a repeat voting on voting day',
      patch: { repeatVoting: { votingDay: '2027-03-14' } },
      field: 'repeatVoting.votingDay',
      clause: '(3.7)',
    },
    {
      label: '3.7: repeat voting results before the repeat voting',
      patch: { repeatVoting: { votingDay: '2027-03-28', resultsPublishedOn: '2027-03-27' } },
      field: 'repeatVoting.resultsPublishedOn',
      clause: '(3.7)',
    },
  ])('refuses $label', ({ patch, field, clause }) => {
    const issues = checkElectionDates({ ...election, ...patch });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.rule).toContain(clause);
  });

  it('3.6: a window whose last day is the calling day is accepted (offset 4, calling 4 days before voting)', () => {
    expect(checkElectionDates({ ...election, calledOn: '2027-03-10', windowOffsetDays: 4 })).toEqual([]);
  });

  it('reports every issue at once', () => {
    const issues = checkElectionDates({
      calledOn: '2027-03-20',
      votingDay: '2027-03-14',
      windowOffsetDays: -2,
      resultsPublishedOn: '2027-03-01',
    });
    expect(issues.map((i) => i.field)).toEqual(['windowOffsetDays', 'calledOn', 'resultsPublishedOn']);
  });
});

describe('calendar dates: a real day, YYYY-MM-DD, years 1900 to 2099', () => {
  it.each([
    { value: '2027-03-14', problem: undefined },
    { value: '1900-01-01', problem: undefined },
    { value: '2099-12-31', problem: undefined },
    { value: '2028-02-29', problem: undefined },
    { value: '1899-12-31', problem: 'years 1900 to 2099' },
    { value: '2100-01-01', problem: 'years 1900 to 2099' },
    { value: '9999-12-31', problem: 'years 1900 to 2099' },
    { value: '0000-01-01', problem: 'must be' },
    { value: '1000-01-01', problem: 'years 1900 to 2099' },
    { value: '2027-02-29', problem: 'YYYY-MM-DD' },
    { value: '2027-13-01', problem: 'YYYY-MM-DD' },
    { value: '20261201', problem: 'YYYY-MM-DD' },
    { value: '2026-12-01T00:00:00Z', problem: 'YYYY-MM-DD' },
    { value: '２０２６-12-01', problem: 'YYYY-MM-DD' },
    { value: '+010000-01-01', problem: 'YYYY-MM-DD' },
    { value: ' 2026-12-01', problem: 'YYYY-MM-DD' },
    { value: { $gt: '' }, problem: 'YYYY-MM-DD' },
    { value: 20261201, problem: 'YYYY-MM-DD' },
    { value: null, problem: 'YYYY-MM-DD' },
  ])('$value: $problem', ({ value, problem }) => {
    const found = calendarDateProblem(value);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('every calendar computation succeeds on the extreme dates the range allows', () => {
    const e: ElectionDates = {
      calledOn: '2099-12-01',
      votingDay: '2099-12-31',
      windowOffsetDays: 30,
      resultsPublishedOn: '2099-12-31',
      repeatVoting: { votingDay: '2099-12-31', resultsPublishedOn: '2099-12-31' },
    };
    expect(deriveCalendar(e).mandateExpiresAt).toBe('2099-12-31T18:00:00.000Z');
    expect(phaseOf(e, at('2099-12-01T00:00:00Z'))).toBe('called');
    expect(deriveCalendar({ calledOn: '1900-01-01', votingDay: '1900-01-31', windowOffsetDays: 30 })).toMatchObject({
      lastAccreditationDay: '1900-01-01',
    });
  });

  it.each([
    { label: 'a results day in year 9999', patch: { resultsPublishedOn: '9999-12-31' }, field: 'resultsPublishedOn' },
    { label: 'a voting day without dashes', patch: { votingDay: '20261201' }, field: 'votingDay' },
    { label: 'a voting day with a time', patch: { votingDay: '2026-12-01T00:00:00Z' }, field: 'votingDay' },
    {
      label: 'a voting day that is an object',
      patch: { votingDay: { $gt: '' } as unknown as string },
      field: 'votingDay',
    },
    {
      label: 'a repeat voting day that is a number',
      patch: { repeatVoting: { votingDay: 5 as unknown as string } },
      field: 'repeatVoting.votingDay',
    },
  ])('checkElectionDates names $label and never throws', ({ patch, field }) => {
    const issues = checkElectionDates({ ...election, ...patch });
    expect(issues.map((i) => i.field)).toEqual([field]);
  });
});

describe('2.2, Art. 10.1: an election is recorded once its calling is published', () => {
  it.each([
    {
      label: 'called today in Bishkek (just after midnight)',
      calledOn: '2027-01-10',
      utc: '2027-01-09T18:00:00Z',
      ok: true,
    },
    { label: 'called yesterday', calledOn: '2027-01-09', utc: '2027-01-10T06:00:00Z', ok: true },
    { label: 'called tomorrow in Bishkek', calledOn: '2027-01-11', utc: '2027-01-10T17:59:59Z', ok: false },
    { label: 'called a year ahead', calledOn: '2028-01-10', utc: '2027-01-10T06:00:00Z', ok: false },
  ])('$label: accepted $ok', ({ calledOn, utc, ok }) => {
    const issues = checkCalledBy({ calledOn }, at(utc));
    expect(issues).toEqual(
      ok ? [] : [{ field: 'calledOn', rule: expect.stringContaining('(2.2, Art. 10.1)') as unknown as string }],
    );
  });
});
