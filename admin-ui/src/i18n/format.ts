/** Dates as the CEC reads them: every date and time shown in Asia/Bishkek, in the UI's language. */
export type Lang = 'ky' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['ky', 'ru', 'en'];
export const BISHKEK = 'Asia/Bishkek';

/**
 * One way to write a day and a time for each language, built by hand rather than by Intl: browsers
 * lack Kyrgyz locale data (Chromium falls back to US month-first dates and 12-hour clocks for
 * `ky-KG`). Kyrgyz and Russian write `31.12.2026, 18:05`, English `31/12/2026, 18:05`: day first,
 * 24-hour, always the Bishkek calendar day and wall clock (UTC+6, no daylight saving).
 */
const DATE_SEPARATOR: Record<Lang, string> = { ky: '.', ru: '.', en: '/' };
/** What a date field shows while empty: the order of its parts, in the language's letters. */
const DATE_PLACEHOLDER: Record<Lang, string> = { ky: 'КК.АА.ЖЖЖЖ', ru: 'ДД.ММ.ГГГГ', en: 'DD/MM/YYYY' };
const BISHKEK_OFFSET_MS = 6 * 3600_000;

export function asLang(v: string | null | undefined): Lang {
  return v === 'ky' || v === 'ru' || v === 'en' ? v : 'ru';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar date (`YYYY-MM-DD`, a Bishkek day) as the language writes it. */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const sep = DATE_SEPARATOR[lang];
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/** The Bishkek wall clock of an instant, as UTC fields of a shifted date. */
function bishkekClock(instant: string | Date): Date | null {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + BISHKEK_OFFSET_MS);
}

/** An instant (ISO date-time) as date and 24-hour time in Bishkek. */
export function formatInstant(instant: string | null | undefined, lang: Lang): string {
  if (!instant) return '';
  const b = bishkekClock(instant);
  if (!b) return instant;
  const day = `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}`;
  return `${formatDate(day, lang)}, ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** An instant's time of day in Bishkek (`18:05`). */
export function formatTime(instant: string | null | undefined): string {
  const b = instant ? bishkekClock(instant) : null;
  return b ? `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}` : '';
}

/** Today's calendar date in Bishkek. */
export function bishkekToday(now = new Date()): string {
  return bishkekDayOf(now);
}

/** The Bishkek calendar day of an instant (`YYYY-MM-DD`). */
export function bishkekDayOf(instant: string | Date): string {
  const b = bishkekClock(instant)!;
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}`;
}

/** The instants a Bishkek day spans: from 00:00 Bishkek (18:00 UTC the day before), end excluded. */
export function bishkekDayBounds(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00+06:00`);
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}

export function datePlaceholder(lang: Lang): string {
  return DATE_PLACEHOLDER[lang];
}

/**
 * What a person typed into a date field, read as the field shows dates: day first (`31.12.2026`,
 * `31/12/2026`, `31-12-2026`); an ISO date (`2026-12-31`, four digits first) is read too. Answers
 * `YYYY-MM-DD`, or null when the text is not a real calendar date.
 */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dayFirst) [d, m, y] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A count as the language groups digits: `1 033` in Kyrgyz and Russian, `1,033` in English. */
export function formatCount(n: number, lang: Lang): string {
  const digits = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '\u00a0');
  return n < 0 ? `−${digits}` : digits;
}

/** Polyglot-style interpolation and plurals (`%{name}`, `a |||| b`), for the portal without react-admin. */
export function interpolate(template: string, vars: Record<string, unknown> | undefined, lang: Lang): string {
  let text = template;
  if (text.includes('||||')) {
    const forms = text.split('||||').map((s) => s.trim());
    const n = Number(vars?.smart_count ?? 1);
    text = forms[pluralIndex(n, lang)] ?? forms[forms.length - 1] ?? '';
  }
  return text.replace(/%\{(\w+)\}/g, (m, k: string) => (vars && vars[k] !== undefined ? String(vars[k]) : m));
}

/** Polyglot's plural rules: Russian has three forms, English two, Kyrgyz one. */
export function pluralIndex(n: number, lang: Lang): number {
  if (lang === 'ky') return 0;
  if (lang === 'en') return n === 1 ? 0 : 1;
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return 0;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 10 || mod100 >= 20)) return 1;
  return 2;
}
