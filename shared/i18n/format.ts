/**
 * Formatting of dates, countries, numbers and clause citations in the three languages the CEC writes
 * in (Kyrgyz, the state language; Russian, the official language; English for foreign recipients).
 */
import type { Lang } from '#domain/grounds';
import type { IsoDate } from '#domain/time';

export type { Lang };
export const LANGS: readonly Lang[] = ['ky', 'ru', 'en'];

/** Kyrgyz month names in the possessive form official documents use ("2027-жылдын 14-марты"). */
const KY_MONTHS = [
  'январы',
  'февралы',
  'марты',
  'апрели',
  'майы',
  'июну',
  'июлу',
  'августу',
  'сентябры',
  'октябры',
  'ноябры',
  'декабры',
];

const ruFormatter = new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const enFormatter = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar date written out as a document would: "2027-жылдын 14-марты", "14 марта 2027 г.", "14 March 2027". */
export function formatDate(date: IsoDate, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (lang === 'ky') return `${y}-жылдын ${d}-${KY_MONTHS[m - 1]}`;
  const at = new Date(Date.UTC(y, m - 1, d));
  return (lang === 'ru' ? ruFormatter : enFormatter).format(at);
}

const regionNames: Record<Lang, Intl.DisplayNames> = {
  ky: new Intl.DisplayNames(['ky'], { type: 'region' }),
  ru: new Intl.DisplayNames(['ru'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};

/** The country's name from its ISO 3166-1 alpha-2 code (ICU data), the code itself if unknown. */
export function countryName(code: string, lang: Lang): string {
  try {
    return regionNames[lang].of(code) ?? code;
  } catch {
    return code;
  }
}

const ruPlural = new Intl.PluralRules('ru');

/** "3 days" / "3 дня" / "3 күн" (Kyrgyz nouns do not change after numerals). */
export function days(n: number, lang: Lang): string {
  if (lang === 'ky') return `${n} күн`;
  if (lang === 'en') return n === 1 ? '1 day' : `${n} days`;
  const form = ruPlural.select(n);
  return `${n} ${form === 'one' ? 'день' : form === 'few' ? 'дня' : 'дней'}`;
}

const KY_LETTER: Record<string, string> = { a: 'а', b: 'б', c: 'в' };
const RU_LETTER: Record<string, string> = { a: 'а', b: 'б', c: 'в' };

/**
 * A clause of the Regulation ("3.9", "4.7 a") or an article of the Constitutional Law ("Art. 10"),
 * cited the way each language writes it. The raw code stays visible (tests and readers look for it).
 */
export function citeClause(clause: string, lang: Lang): string {
  const art = /^Art\.\s*([\d.]+)$/.exec(clause);
  if (art) {
    const n = art[1];
    if (lang === 'ky') return `Конституциялык мыйзамдын ${n}-беренеси`;
    if (lang === 'ru') return `статья ${n} Конституционного закона`;
    return `Art. ${n} of the Constitutional Law`;
  }
  const sub = /^([\d.]+)\s+([a-z])$/.exec(clause);
  if (sub) {
    const [, n, letter] = sub as unknown as [string, string, string];
    if (lang === 'ky') return `Жобонун ${n}-пунктунун «${KY_LETTER[letter] ?? letter}» пунктчасы`;
    if (lang === 'ru') return `подпункт «${RU_LETTER[letter] ?? letter}» пункта ${n} Положения`;
    return `clause ${n} (${letter}) of the Regulation`;
  }
  if (lang === 'ky') return `Жобонун ${clause}-пункту`;
  if (lang === 'ru') return `пункт ${clause} Положения`;
  return `clause ${clause} of the Regulation`;
}

/** Languages a document is written in: the organization's language first, then Russian (3 langs: 3.4). */
export function languagesOf(primary: Lang, opts: { all?: boolean } = {}): Lang[] {
  const order: Lang[] = [primary];
  if (primary !== 'ru') order.push('ru');
  // Organizations that write in Russian are still foreign recipients: add English for them.
  if (primary === 'ru') order.push('en');
  if (opts.all) for (const l of LANGS) if (!order.includes(l)) order.push(l);
  return order;
}
