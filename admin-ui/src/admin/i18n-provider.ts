/**
 * react-admin's i18n: ra-i18n-polyglot over react-admin's own messages (English, Russian, and the
 * Kyrgyz ones written here) merged with the product's messages. The choice is remembered per browser.
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import russianMessages from 'ra-language-russian';
import type { TranslationMessages } from 'ra-core';
import { type Lang, asLang } from '../i18n/format';
import { appMessages } from '../i18n/messages';
import { kyrgyzRaMessages } from '../i18n/ra-kyrgyz';

const RA: Record<Lang, TranslationMessages> = { en: englishMessages, ru: russianMessages, ky: kyrgyzRaMessages };

export const LOCALE_KEY = 'cec.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved) return asLang(saved);
  } catch {
    // storage may be unavailable (private mode): fall back to the browser's language
  }
  const nav = (typeof navigator !== 'undefined' ? navigator.language : 'ru').slice(0, 2);
  return nav === 'ky' || nav === 'en' ? nav : 'ru';
}

export function messagesFor(lang: Lang): TranslationMessages {
  return { ...RA[lang], ...(appMessages[lang] as unknown as TranslationMessages) };
}

export function createI18nProvider(lang: Lang = initialLang()) {
  return polyglotI18nProvider(
    (locale) => messagesFor(asLang(locale)),
    lang,
    [
      { locale: 'ky', name: 'Кыргызча' },
      { locale: 'ru', name: 'Русский' },
      { locale: 'en', name: 'English' },
    ],
    { allowMissing: true },
  );
}
