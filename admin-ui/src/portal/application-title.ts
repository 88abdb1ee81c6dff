/**
 * An organization's applications told apart wherever they are named: the number the CEC gave each when
 * it was started (3.1), the day it was sent (or started, while still a draft) in Bishkek, and its channel.
 */
import { type Lang, bishkekDayOf, formatDate } from '../i18n/format';
import type { Translate } from './portal-i18n';

interface Titled {
  /** Null on applications stored before numbers were given. */
  number?: string | null;
  createdAt: string;
  submittedAt: string | null;
  channel: string;
}

/** "Application No. PR27-A-0042 of 28.11.2026 · Directly to the CEC". */
export function applicationTitle(app: Titled, t: Translate, lang: Lang): string {
  // The day in Bishkek: sent at 20:30 UTC on the 22nd is the 23rd there.
  const day = formatDate(bishkekDayOf(app.submittedAt ?? app.createdAt), lang);
  const key = app.submittedAt ? 'cec.portal.application_sent' : 'cec.portal.application_started';
  const title = app.number ? t(key, { number: app.number, day }) : t(`${key}_unnumbered`, { day });
  return `${title} · ${t(`cec.channel.${app.channel}`)}`;
}
