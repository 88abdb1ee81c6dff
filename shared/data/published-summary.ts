/**
 * The published list's heading (3.3): counts per status from the counters, and when the list last
 * changed. The list changes only by adopted resolutions (accreditation 3.3, revocation 4.7) and by the
 * end of the mandates (3.7), so the last change is the latest of the adoptions' finish times and, once
 * passed, the instant the mandates ended; nothing is counted by reading people.
 */
import { mandateExpiresAt } from '#domain/calendar';
import type { PublishedSummary } from '#schemas/publication';
import { statusCounts } from './counters';
import { getElection } from './elections';
import { listResolutions } from './resolutions/drafts';

export async function publishedSummary(electionId: string, now: Date): Promise<PublishedSummary> {
  const [election, counts] = await Promise.all([getElection(electionId), statusCounts(electionId)]);
  let last: string | null = null;
  let cursor: string | undefined;
  do {
    const page = await listResolutions(electionId, { limit: 100, cursor, status: 'adopted' });
    for (const r of page.items) {
      const at = r.adoption?.finishedAt ?? null;
      if (at && (!last || at > last)) last = at;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const ended = mandateExpiresAt(election);
  if (ended && ended.getTime() <= now.getTime() && (!last || ended.toISOString() > last)) last = ended.toISOString();
  const n = (k: 'accredited' | 'revoked' | 'expired') => Math.max(0, counts[k] ?? 0);
  const c = { accredited: n('accredited'), revoked: n('revoked'), expired: n('expired') };
  return { total: c.accredited + c.revoked + c.expired, counts: c, lastChangedAt: last };
}
