/**
 * Shared by the public pages (the certificate check and the published list): language, dates in
 * Asia/Bishkek written day-first, the API on the site's own origin (`/v1/*`, as CloudFront routes it),
 * and a tiny safe DOM builder. Plain TypeScript, no framework: these pages are opened on cheap phones
 * over slow networks on election day.
 */
export type Lang = 'ky' | 'ru' | 'en';
export const LANGS: readonly Lang[] = ['ky', 'ru', 'en'];
const LANG_NAMES: Record<Lang, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };
export type Text = Record<Lang, string>;

/** `?lang=` first, then the last choice, then Kyrgyz. */
export function currentLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked && (LANGS as readonly string[]).includes(asked)) return asked as Lang;
  try {
    const saved = localStorage.getItem('public-lang');
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    // Storage may be off: Kyrgyz then.
  }
  return 'ky';
}

export function langSwitcher(lang: Lang, onChange: (l: Lang) => void): HTMLElement {
  const nav = h('nav', { class: 'langs', 'aria-label': 'Language / Тил / Язык' });
  for (const l of LANGS) {
    const a = h('a', { href: `?${withParam('lang', l)}`, lang: l, 'aria-current': String(l === lang) }, LANG_NAMES[l]);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      try {
        localStorage.setItem('public-lang', l);
      } catch {
        // ignore
      }
      history.replaceState(null, '', `?${withParam('lang', l)}`);
      onChange(l);
    });
    nav.append(a);
  }
  return nav;
}

function withParam(name: string, value: string): string {
  const q = new URLSearchParams(location.search);
  q.set(name, value);
  return q.toString();
}

type Attrs = Record<string, string | undefined>;
type Child = Node | string | null | undefined | false;

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const BISHKEK_OFFSET_MS = 6 * 3600 * 1000;
const two = (n: number) => String(n).padStart(2, '0');

/** `2027-03-14` → `14.03.2027` (a calendar day, as people write it here). */
export function day(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** An instant as `14.03.2027 09:05` in Asia/Bishkek (UTC+6, no daylight saving). */
export function bishkekTime(instant: string): string {
  const t = new Date(new Date(instant).getTime() + BISHKEK_OFFSET_MS);
  return `${two(t.getUTCDate())}.${two(t.getUTCMonth() + 1)}.${t.getUTCFullYear()} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

/** The country's name in the reader's language (Kyrgyz from a table of its own: browsers' ICU lacks it). */
export { countryName } from '../i18n/countries';

export const CEC: Text = {
  ky: 'Шайлоо жана референдум өткөрүү боюнча борбордук комиссия',
  ru: 'Центральная комиссия по выборам и проведению референдумов',
  en: 'Central Commission for Elections and Referendums',
};

export class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'HttpError';
  }
}

/** GET from the API on this site; never from a cache (a revocation shows at once). */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!res.ok) throw new HttpError(res.status);
  return (await res.json()) as T;
}

export function header(lang: Lang, onChange: (l: Lang) => void): HTMLElement {
  return h('header', { class: 'bar' }, h('span', {}, CEC[lang]), langSwitcher(lang, onChange));
}
