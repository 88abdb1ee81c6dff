/**
 * Reading the audit log (written by auditPut in every write's transaction): by entity (the main
 * table's partition), by actor (gsi1) or by day (gsi2), newest first, by cursor. A day narrows the
 * entity and actor views too, as a prefix of the sort key (an ISO instant): days are UTC days, as
 * the entries' timestamps are.
 */
import type { AuditEntry } from '#schemas/audit';
import { indexPartitions, keys } from './keys';
import { type Page, queryPage } from './paging';

export type AuditSelector =
  | { by: 'entity'; entityType: string; entityId: string; day?: string }
  | { by: 'actor'; actorId: string; day?: string }
  | { by: 'day'; day: string };

const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

export function auditEntryFromItem(item: Record<string, unknown>): AuditEntry {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as AuditEntry;
}

export async function auditPage(
  sel: AuditSelector,
  opts: { limit: number; cursor?: string },
): Promise<Page<AuditEntry>> {
  const common = { limit: opts.limit, cursor: opts.cursor, descending: true };
  const request =
    sel.by === 'entity'
      ? {
          ...common,
          // The entity's partition, as the key builder lays it out (the sort key is `<at>#<id>`).
          partition: keys.audit(sel.entityType, sel.entityId, '', '').pk,
          prefix: sel.day,
        }
      : sel.by === 'actor'
        ? { ...common, index: 'gsi1' as const, partition: indexPartitions.auditByActor(sel.actorId), prefix: sel.day }
        : { ...common, index: 'gsi2' as const, partition: indexPartitions.auditByDay(sel.day) };
  const page = await queryPage<Record<string, unknown>>(request);
  return { ...page, items: page.items.map(auditEntryFromItem) };
}
