/**
 * Calendar arithmetic in Asia/Bishkek. Every deadline of the Regulation is a calendar day in the
 * Kyrgyz Republic, so dates are kept as ISO calendar dates (`YYYY-MM-DD`) and turned into instants
 * only at the edge, at 00:00 Bishkek time.
 */
import { TZDate } from '@date-fns/tz';

export const BISHKEK_TZ = 'Asia/Bishkek';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const bishkekFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BISHKEK_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function parts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/**
 * Day starts already computed, by date: the time zone lookup behind TZDate asks Intl several times per
 * call (about 0.1 ms), and a request that checks 50 people against one election's calendar asks for the
 * same few dates hundreds of times. Cleared when it grows past a bound no election's dates reach.
 */
const dayStarts = new Map<IsoDate, number>();
const DAY_STARTS_KEPT = 4096;

/** The instant at which `date` begins in Bishkek (00:00 local time). */
export function startOfBishkekDay(date: IsoDate): Date {
  let at = dayStarts.get(date);
  if (at === undefined) {
    const [y, m, d] = parts(date);
    at = new TZDate(y, m - 1, d, 0, 0, 0, 0, BISHKEK_TZ).getTime();
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    dayStarts.set(date, at);
  }
  return new Date(at);
}

/** The Bishkek calendar date of an instant. */
export function bishkekDate(instant: Date): IsoDate {
  return bishkekFormatter.format(instant);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
