/**
 * The organizations a job writes to (their contact email and language), read once per run: a job
 * touches a few tens of organizations, however many people it walks through.
 */
import { getOrganizations } from '#data/organizations';
import type { Lang } from '#schemas/common';

export interface Recipient {
  id: string;
  contactEmail: string | null;
  lang: Lang;
}

/** Mail goes in the organization's language (and Russian, added by the renderer); Russian if unknown. */
const FALLBACK_LANG: Lang = 'ru';

export class OrganizationCache {
  private readonly known = new Map<string, Recipient>();

  /** Loads the organizations not yet known (BatchGetItem). */
  async load(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.known.has(id));
    if (missing.length === 0) return;
    for (const org of await getOrganizations(missing)) {
      const lang = org.preferredLanguage;
      this.known.set(org.id, {
        id: org.id,
        contactEmail: org.contactEmail ?? null,
        lang: lang === 'ky' || lang === 'ru' || lang === 'en' ? lang : FALLBACK_LANG,
      });
    }
    for (const id of missing)
      if (!this.known.has(id)) this.known.set(id, { id, contactEmail: null, lang: FALLBACK_LANG });
  }

  get(id: string): Recipient {
    return this.known.get(id) ?? { id, contactEmail: null, lang: FALLBACK_LANG };
  }
}

/** Distinct, non-empty addresses. */
export function recipients(...emails: (string | null | undefined)[]): string[] {
  return [...new Set(emails.filter((e): e is string => typeof e === 'string' && e.length > 0))];
}
