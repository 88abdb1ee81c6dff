/**
 * An organization's applications told apart: numbered in the order they were started (№1, №2, …)
 * and dated (the day sent, or the day started while still a draft), in every place they are named.
 */
import { type Lang, bishkekDayOf, formatDate } from '../i18n/format';
import type { Translate } from './portal-i18n';

interface Numbered {
  id: string;
  createdAt: string;
  submittedAt: string | null;
  channel: string;
}

export function applicationNumber(all: readonly Numbered[], id: string): number {
  const order = [...all].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return order.findIndex((a) => a.id === id) + 1;
}

/** "Application №2 of 28.11.2026 · Directly to the CEC". */
export function applicationTitle(all: readonly Numbered[], app: Numbered, t: Translate, lang: Lang): string {
  const n = applicationNumber(all, app.id);
  // The day in Bishkek: sent at 20:30 UTC on the 22nd is the 23rd there.
  const day = formatDate(bishkekDayOf(app.submittedAt ?? app.createdAt), lang);
  return `${t(app.submittedAt ? 'cec.portal.application_sent' : 'cec.portal.application_started', {
    number: n > 0 ? n : '',
    day,
  })} · ${t(`cec.channel.${app.channel}`)}`;
}
