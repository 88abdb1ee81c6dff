/** Dates as the CEC reads them: every date and time shown in Asia/Bishkek, in the UI's language. */
export type Lang = 'ky' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['ky', 'ru', 'en'];
export const BISHKEK = 'Asia/Bishkek';

const LOCALES: Record<Lang, string> = { ky: 'ky-KG', ru: 'ru-RU', en: 'en-GB' };

export function asLang(v: string | null | undefined): Lang {
  return v === 'ky' || v === 'ru' || v === 'en' ? v : 'ru';
}

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: BISHKEK, ...opts });
    cache.set(key, f);
  }
  return f;
}

/** A calendar date (`YYYY-MM-DD`, a Bishkek day) as a date in the language. */
export function formatDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  // Noon Bishkek time of that day: the same calendar day whatever the viewer's own zone.
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T12:00:00+06:00`);
  return fmt(lang, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** An instant (ISO date-time) as date and time in Bishkek. */
export function formatInstant(instant: string | null | undefined, lang: Lang): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return fmt(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** Today's calendar date in Bishkek. */
export function bishkekToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: BISHKEK,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
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
