/**
 * Countries as people read them: the name in the reader's language (Kyrgyz, Russian, English) from the
 * two-letter ISO 3166-1 code the records keep, with the code beside it where there is room
 * ("Польша (PL)"). The server writes the same names (shared/i18n/format.ts `countryName`); here Kyrgyz
 * comes from a table of its own, since browsers' ICU lacks it. An unknown code is shown as it is.
 */
import { KY_COUNTRY_NAMES } from './country-names-ky';
import type { Lang } from './format';

const CODE = /^[A-Z]{2}$/;

const browserNames = new Map<Lang, Intl.DisplayNames | null>();

/** The runtime's names for a language, or null when its ICU has no data for it (it would answer in another). */
function namesFor(lang: Lang): Intl.DisplayNames | null {
  let names = browserNames.get(lang);
  if (names === undefined) {
    try {
      const candidate = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
      names = candidate.resolvedOptions().locale.split('-')[0] === lang ? candidate : null;
    } catch {
      names = null;
    }
    browserNames.set(lang, names);
  }
  return names;
}

/** The country's name in the language, or null when the code names no country known here. */
function knownName(code: string, lang: Lang): string | null {
  if (!CODE.test(code) || code === 'ZZ') return null;
  if (lang === 'ky') {
    const ky = KY_COUNTRY_NAMES[code];
    if (ky) return ky;
  }
  try {
    // Kyrgyz codes missing from the table (none today) fall back to Russian, which every reader here reads.
    const name = (namesFor(lang === 'ky' ? 'ru' : lang) ?? namesFor('en'))?.of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}

/** "Польша" for `PL` in Russian; the code itself when it is not a known country. */
export function countryName(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const c = code.toUpperCase();
  return knownName(c, lang) ?? c;
}

/** "Польша (PL)": the name with the code beside it; only the code when the name is unknown. */
export function countryLabel(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const c = code.toUpperCase();
  const name = knownName(c, lang);
  return name ? `${name} (${c})` : c;
}
