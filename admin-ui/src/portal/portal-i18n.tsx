/** The portal's translations: the same message files as the staff app, without react-admin. */
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { type Lang, asLang, interpolate } from '../i18n/format';
import { appMessages } from '../i18n/messages';

const KEY = 'cec.lang';

export type Translate = (key: string, vars?: Record<string, unknown>) => string;

function lookup(obj: unknown, key: string): string | undefined {
  let node: unknown = obj;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function translator(lang: Lang): Translate {
  return (key, vars) => {
    // "key|arg" carries an argument from code that has no translate function (errors thrown deep down).
    const [k, arg] = key.split('|');
    const template = lookup(appMessages[lang], k!) ?? lookup(appMessages.en, k!);
    if (template === undefined) return key;
    return interpolate(template, { arg, ...vars }, lang);
  };
}

interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (l: Lang) => void;
}

const Ctx = createContext<I18n | null>(null);

export function initialPortalLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved) return asLang(saved);
  } catch {
    // no storage: use the browser's language
  }
  const nav = navigator.language.slice(0, 2);
  return nav === 'ky' || nav === 'ru' ? nav : 'en';
}

export function PortalI18n({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialPortalLang);
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: translator(lang),
      setLang: (l) => {
        localStorage.setItem(KEY, l);
        document.documentElement.lang = l;
        setLangState(l);
      },
    }),
    [lang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside PortalI18n');
  return v;
}
