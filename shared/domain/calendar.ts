/**
 * The election calendar (Regulation No. 197, 2.2, 3.5, 3.6, 3.7; Constitutional Law Art. 10.1).
 * Pure functions of the election's dates and an instant; every date is a Bishkek calendar day.
 */
import type { FieldIssue } from './errors';
import { type IsoDate, addDays, bishkekDate, compareDates, startOfBishkekDay } from './time';

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

export const MAX_WINDOW_OFFSET_DAYS = 60;

/** Consistency of an election's dates; each issue names the rule and its clause. */
export function checkElectionDates(e: ElectionDates): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const offset = offsetOf(e);
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_WINDOW_OFFSET_DAYS) {
    issues.push({
      field: 'windowOffsetDays',
      rule: `must be a whole number of days from 0 to ${MAX_WINDOW_OFFSET_DAYS} (3.6)`,
    });
  }
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
