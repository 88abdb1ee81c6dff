/**
 * The election calendar (Regulation No. 197, 2.2, 3.5, 3.6, 3.7; Constitutional Law Art. 10.1).
 * Pure functions of the election's dates and an instant; every date is a Bishkek calendar day.
 */
import type { FieldIssue } from './errors';
import { type IsoDate, addDays, bishkekDate, compareDates, isIsoDate, startOfBishkekDay } from './time';

/**
 * The days this system reasons about: a real calendar date, `YYYY-MM-DD`, in the years 1900 to 2099.
 * No observer was born before 1900 and no deadline of an election lies past 2099; the bound also keeps
 * every derived day (the day after a mandate ends, an offset before voting day) a four-digit year, so
 * no calculation below can throw on a date that passed this check. `#schemas/dates` applies it to
 * every body, query and stored record.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2099;
export const DATE_FORMAT_RULE = 'must be a calendar date written YYYY-MM-DD';
export const DATE_RANGE_RULE = `must be a date in the years ${MIN_YEAR} to ${MAX_YEAR}`;

/** Why `value` is not an acceptable calendar date, or `undefined` when it is one. */
export function calendarDateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !isIsoDate(value)) return DATE_FORMAT_RULE;
  const year = Number(value.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return DATE_RANGE_RULE;
  return undefined;
}

export function isCalendarDate(value: unknown): value is IsoDate {
  return calendarDateProblem(value) === undefined;
}

/** 3.6: accreditation ends 3 days before voting day unless the election sets another offset. */
export const DEFAULT_WINDOW_OFFSET_DAYS = 3;

export interface RepeatVoting {
  votingDay: IsoDate;
  resultsPublishedOn?: IsoDate | null;
}

export interface ElectionDates {
  /** The day the decision calling the election was officially published (2.2). */
  calledOn: IsoDate;
  votingDay: IsoDate;
  /** Days before voting day on which the window ends (3.6); default 3. */
  windowOffsetDays?: number;
  /** The day the results were officially published (3.7). */
  resultsPublishedOn?: IsoDate | null;
  repeatVoting?: RepeatVoting | null;
}

export type ElectionPhase =
  | 'called' // window open: invitations and accreditation run
  | 'window-closed' // after the window, before results are published
  | 'mandates-ended'; // results officially published (3.7)

export interface ElectionCalendar {
  /** 2.2: the first instant at which an invitation may be sent. */
  invitationsFrom: string;
  /** 3.6: the window opens when the voting day is officially appointed, i.e. with the calling. */
  windowOpensAt: string;
  /** 3.6: the last day on which accreditation may be granted (D − offset, inclusive). */
  lastAccreditationDay: IsoDate;
  /** 3.6: the window is closed from 00:00 Bishkek of D − offset + 1. */
  windowClosesAt: string;
  /** 3.7: the day mandates end (results publication, or the repeat voting's), if known. */
  mandateEndsOn: IsoDate | null;
  /** 3.7: certificates stop being valid at 00:00 Bishkek of the day after `mandateEndsOn`. */
  mandateExpiresAt: string | null;
  /** The day a passport must still be valid on: the mandate end, or voting day while results are pending. */
  passportMustBeValidOn: IsoDate;
}

function offsetOf(e: ElectionDates): number {
  return e.windowOffsetDays ?? DEFAULT_WINDOW_OFFSET_DAYS;
}

/** 2.2, Art. 10.1: invitations may be sent only after the calling of the election is published. */
export function invitationsAllowed(e: Pick<ElectionDates, 'calledOn'>, now: Date): boolean {
  return now.getTime() >= startOfBishkekDay(e.calledOn).getTime();
}

/** 3.6: last day on which accreditation may be granted: D − offset, inclusive. */
export function lastAccreditationDay(e: ElectionDates): IsoDate {
  return addDays(e.votingDay, -offsetOf(e));
}

/** 3.6: the instant the window closes: 00:00 Bishkek of D − offset + 1 (D − 2 by default). */
export function windowClosesAt(e: ElectionDates): Date {
  return startOfBishkekDay(addDays(lastAccreditationDay(e), 1));
}

/** 3.6: the window opens when the voting day is officially appointed (the calling) and ends D − offset. */
export function isWindowOpen(e: ElectionDates, now: Date): boolean {
  const t = now.getTime();
  return t >= startOfBishkekDay(e.calledOn).getTime() && t < windowClosesAt(e).getTime();
}

/**
 * 3.7: mandates end on the day results are officially published; where a repeat voting is appointed,
 * they run on, without re-accreditation, until the repeat voting's results are published.
 * `null` while that day is not known yet.
 */
export function mandateEndsOn(e: ElectionDates): IsoDate | null {
  if (e.repeatVoting) return e.repeatVoting.resultsPublishedOn ?? null;
  return e.resultsPublishedOn ?? null;
}

/** 3.7: the instant certificates stop being valid: 00:00 Bishkek after the mandate's last day. */
export function mandateExpiresAt(e: ElectionDates): Date | null {
  const end = mandateEndsOn(e);
  return end ? startOfBishkekDay(addDays(end, 1)) : null;
}

export function isMandateOver(e: ElectionDates, now: Date): boolean {
  const at = mandateExpiresAt(e);
  return at !== null && now.getTime() >= at.getTime();
}

/**
 * The day through which an observer's passport must be valid: the mandate's last day when known,
 * otherwise the last voting day (repeat voting included), the earliest the mandate can end.
 */
export function passportMustBeValidOn(e: ElectionDates): IsoDate {
  return mandateEndsOn(e) ?? e.repeatVoting?.votingDay ?? e.votingDay;
}

export function phaseOf(e: ElectionDates, now: Date): ElectionPhase | 'not-called' {
  if (!invitationsAllowed(e, now)) return 'not-called';
  if (isMandateOver(e, now)) return 'mandates-ended';
  if (isWindowOpen(e, now)) return 'called';
  return 'window-closed';
}

export function deriveCalendar(e: ElectionDates): ElectionCalendar {
  const expires = mandateExpiresAt(e);
  return {
    invitationsFrom: startOfBishkekDay(e.calledOn).toISOString(),
    windowOpensAt: startOfBishkekDay(e.calledOn).toISOString(),
    lastAccreditationDay: lastAccreditationDay(e),
    windowClosesAt: windowClosesAt(e).toISOString(),
    mandateEndsOn: mandateEndsOn(e),
    mandateExpiresAt: expires ? expires.toISOString() : null,
    passportMustBeValidOn: passportMustBeValidOn(e),
  };
}

/** Days left in the window, counting today in Bishkek; 0 once it has closed. */
export function daysLeftInWindow(e: ElectionDates, now: Date): number {
  if (!isWindowOpen(e, now)) return 0;
  const today = bishkekDate(now);
  const last = lastAccreditationDay(e);
  let n = 0;
  for (let d = today; compareDates(d, last) <= 0; d = addDays(d, 1)) n++;
  return n;
}

/**
 * 3.6: accreditation ends *before* voting day, so the offset is at least 1 day; 30 days bounds a
 * setting that would otherwise shut the window before most organizations could apply.
 */
export const MIN_WINDOW_OFFSET_DAYS = 1;
export const MAX_WINDOW_OFFSET_DAYS = 30;

const OFFSET_RULE = `must be a whole number of days from ${MIN_WINDOW_OFFSET_DAYS} to ${MAX_WINDOW_OFFSET_DAYS}: accreditation ends before voting day (3.6)`;

/**
 * The dates one by one: each must be readable before the rules that compare them can be applied.
 * Never throws, whatever it is given.
 */
export function electionDateFieldIssues(e: ElectionDates): FieldIssue[] {
  const dateFields: [string, unknown][] = [
    ['calledOn', e.calledOn],
    ['votingDay', e.votingDay],
  ];
  if (e.resultsPublishedOn != null) dateFields.push(['resultsPublishedOn', e.resultsPublishedOn]);
  if (e.repeatVoting != null) {
    dateFields.push(['repeatVoting.votingDay', e.repeatVoting.votingDay]);
    if (e.repeatVoting.resultsPublishedOn != null) {
      dateFields.push(['repeatVoting.resultsPublishedOn', e.repeatVoting.resultsPublishedOn]);
    }
  }
  const issues: FieldIssue[] = [];
  for (const [field, value] of dateFields) {
    const problem = calendarDateProblem(value);
    if (problem) issues.push({ field, rule: problem });
  }
  return issues;
}

/** 3.6: the offset is a whole number of days within its range. */
export function windowOffsetIssues(e: ElectionDates): FieldIssue[] {
  const offset = offsetOf(e);
  const ok = Number.isInteger(offset) && offset >= MIN_WINDOW_OFFSET_DAYS && offset <= MAX_WINDOW_OFFSET_DAYS;
  return ok ? [] : [{ field: 'windowOffsetDays', rule: OFFSET_RULE }];
}

/** The rules between an election's dates (2.2, 3.6, 3.7), for dates that are each readable. */
export function electionDateOrderIssues(e: ElectionDates): FieldIssue[] {
  const issues = windowOffsetIssues(e);
  if (compareDates(e.calledOn, e.votingDay) >= 0) {
    issues.push({ field: 'calledOn', rule: 'the calling must be published before voting day (2.2)' });
  } else if (issues.length === 0 && compareDates(lastAccreditationDay(e), e.calledOn) < 0) {
    issues.push({
      field: 'windowOffsetDays',
      rule: 'the accreditation window would end before the calling is published (3.6)',
    });
  }
  if (e.resultsPublishedOn && compareDates(e.resultsPublishedOn, e.votingDay) < 0) {
    issues.push({ field: 'resultsPublishedOn', rule: 'results cannot be published before voting day (3.7)' });
  }
  if (e.repeatVoting) {
    const r = e.repeatVoting;
    if (compareDates(r.votingDay, e.votingDay) <= 0) {
      issues.push({ field: 'repeatVoting.votingDay', rule: 'a repeat voting comes after voting day (3.7)' });
    }
    if (r.resultsPublishedOn && compareDates(r.resultsPublishedOn, r.votingDay) < 0) {
      issues.push({
        field: 'repeatVoting.resultsPublishedOn',
        rule: 'repeat voting results cannot be published before the repeat voting day (3.7)',
      });
    }
  }
  return issues;
}

/**
 * Consistency of an election's dates; each issue names the field and the rule with its clause, all at
 * once. A date that is not readable is reported as such and the rules that compare it are skipped, so
 * this never throws whatever it is given.
 */
export function checkElectionDates(e: ElectionDates): FieldIssue[] {
  const unreadable = electionDateFieldIssues(e);
  return unreadable.length > 0 ? [...unreadable, ...windowOffsetIssues(e)] : electionDateOrderIssues(e);
}

/**
 * 2.2, Art. 10.1: an election is recorded once the decision calling it has been officially published,
 * so its `calledOn` cannot be later than today in Bishkek. (Recording a calling in advance would let the
 * calendar open a window, and send invitations, on a decision that does not exist yet.)
 */
export function checkCalledBy(e: Pick<ElectionDates, 'calledOn'>, now: Date): FieldIssue[] {
  const today = bishkekDate(now);
  if (!isCalendarDate(e.calledOn) || compareDates(e.calledOn, today) <= 0) return [];
  return [
    {
      field: 'calledOn',
      rule: `cannot be later than today (${today} in Bishkek): record an election once the decision calling it is officially published (2.2, Art. 10.1)`,
    },
  ];
}
