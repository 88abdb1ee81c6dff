/**
 * EventBridge Scheduler cron expressions on the local clock. EventBridge writes
 * `cron(minutes hours day-of-month month day-of-week year)` with `?` for "no value" and days of the
 * week numbered 1 (Sunday) to 7 (Saturday); cron-parser reads the classic 5 fields with 0 = Sunday.
 * The year field is checked here, since cron-parser has none.
 */
import { CronExpressionParser } from 'cron-parser';

export interface ParsedCron {
  /** The classic 5-field expression cron-parser reads. */
  expression: string;
  years: ((year: number) => boolean) | null;
}

/** EventBridge day-of-week numbers (1 = SUN ... 7 = SAT) to classic ones (0 = SUN ... 6 = SAT). */
function classicDayOfWeek(field: string): string {
  return field.replace(/\d+/g, (n, offset: number, whole: string) => {
    // After '#' comes the week of the month (2#1 = first Monday), not a day: keep it.
    if (whole[offset - 1] === '#') return n;
    const day = Number(n);
    if (day < 1 || day > 7) throw new Error(`day-of-week ${day} is outside EventBridge's 1 (SUN) to 7 (SAT)`);
    return String(day - 1);
  });
}

function yearMatcher(field: string): ((year: number) => boolean) | null {
  if (field === '*' || field === '?') return null;
  const parts = field.split(',').map((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [a, b] = (range ?? '').split('-');
    const from = a === '*' ? 1970 : Number(a);
    const to = b !== undefined ? Number(b) : stepText ? 2199 : from;
    if (![from, to, step].every(Number.isInteger)) throw new Error(`cannot read the year field "${field}"`);
    return (y: number) => y >= from && y <= to && (y - from) % step === 0;
  });
  return (y) => parts.some((p) => p(y));
}

export function parseEventBridgeCron(cron: string): ParsedCron {
  const m = /^cron\((.+)\)$/.exec(cron.trim());
  if (!m?.[1]) throw new Error(`"${cron}" is not an EventBridge cron(...) expression`);
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6)
    throw new Error(`"${cron}" must have 6 fields: minutes hours day-of-month month day-of-week year`);
  const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if (/W/.test(dom)) throw new Error(`"${cron}": the W (nearest weekday) of day-of-month is not supported locally`);
  const q = (f: string) => (f === '?' ? '*' : f);
  return {
    expression: [minutes, hours, q(dom), month, dow === '?' ? '*' : classicDayOfWeek(dow)].join(' '),
    years: yearMatcher(year),
  };
}

/** The instants in (from, to] at which the schedule falls due, in order. */
export function occurrences(cron: string, timezone: string, from: Date, to: Date, limit = 10_000): Date[] {
  if (to.getTime() <= from.getTime()) return [];
  const parsed = parseEventBridgeCron(cron);
  const it = CronExpressionParser.parse(parsed.expression, { currentDate: from, endDate: to, tz: timezone });
  const out: Date[] = [];
  while (out.length < limit && it.hasNext()) {
    const at = it.next().toDate();
    if (at.getTime() <= from.getTime()) continue;
    if (at.getTime() > to.getTime()) break;
    if (parsed.years) {
      const year = Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(at));
      if (!parsed.years(year)) continue;
    }
    out.push(at);
  }
  return out;
}

/** The last instant in (from, to] at which the schedule falls due, as a list of none or one. */
export function latestOccurrence(cron: string, timezone: string, from: Date, to: Date): Date[] {
  if (to.getTime() <= from.getTime()) return [];
  const parsed = parseEventBridgeCron(cron);
  const it = CronExpressionParser.parse(parsed.expression, {
    currentDate: new Date(to.getTime() + 1),
    startDate: from,
    tz: timezone,
  });
  while (it.hasPrev()) {
    const at = it.prev().toDate();
    if (at.getTime() <= from.getTime()) return [];
    if (at.getTime() > to.getTime()) continue;
    if (parsed.years) {
      const year = Number(new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' }).format(at));
      if (!parsed.years(year)) continue;
    }
    return [at];
  }
  return [];
}

/** "3d", "2h", "90m", "30s", "1w", "1d12h", "-1d" or a number of milliseconds. */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new Error('a duration must be a finite number of milliseconds');
    return input;
  }
  const text = input.trim();
  if (/^-?\d+$/.test(text)) return Number(text);
  const m = /^(-)?((?:\d+(?:\.\d+)?(?:w|d|h|m|s|ms))+)$/.exec(text);
  if (!m?.[2]) throw new Error(`"${input}" is not a duration: write e.g. 3d, 2h, 90m, 1d12h or milliseconds`);
  const unit: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  for (const [, n, u] of m[2].matchAll(/(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g)) total += Number(n) * (unit[u!] ?? 0);
  return Math.round(m[1] ? -total : total);
}
