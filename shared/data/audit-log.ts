/**
 * Reading the audit log (written by auditPut in every write's transaction): by entity (the main
 * table's partition), by actor (gsi1) or by day (gsi2), newest first, by cursor. A day narrows the
 * entity and actor views too, as a prefix of the sort key (an ISO instant): days are UTC days, as
 * the entries' timestamps are. People read days in Bishkek (UTC+6), so the day view is also offered
 * by a Bishkek day: 18:00 UTC of the day before to 18:00 UTC, read from the two UTC days it spans.
 */
import { ValidationError } from '#domain/errors';
import type { AuditEntry } from '#schemas/audit';
import { indexPartitions, keys } from './keys';
import { type Page, queryPage } from './paging';

export type AuditSelector =
  | { by: 'entity'; entityType: string; entityId: string; day?: string }
  | { by: 'actor'; actorId: string; day?: string }
  | { by: 'day'; day: string }
  | { by: 'bishkek-day'; day: string };

const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

export function auditEntryFromItem(item: Record<string, unknown>): AuditEntry {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as AuditEntry;
}

export async function auditPage(
  sel: AuditSelector,
  opts: { limit: number; cursor?: string },
): Promise<Page<AuditEntry>> {
  if (sel.by === 'bishkek-day') return bishkekDayPage(sel.day, opts);
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

/** The instants of a Bishkek calendar day (all dates are Bishkek days: see README), end excluded. */
export function bishkekDaySpan(day: string): { from: string; to: string; utcDays: [string, string] } {
  const start = Date.parse(`${day}T00:00:00+06:00`);
  const from = new Date(start).toISOString();
  return { from, to: new Date(start + 86_400_000).toISOString(), utcDays: [day, from.slice(0, 10)] };
}

/** Which of the two UTC days a Bishkek-day cursor is in, and the cursor within it. */
interface SpanCursor {
  part: 0 | 1;
  inner?: string;
}

function decodeSpanCursor(cursor: string | undefined): SpanCursor {
  if (!cursor) return { part: 0 };
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as SpanCursor;
    if ((c.part === 0 || c.part === 1) && (c.inner === undefined || typeof c.inner === 'string')) return c;
  } catch {
    // falls through to the 400 below
  }
  throw new ValidationError([{ field: 'cursor', rule: 'must be a cursor returned by this list' }]);
}

/** Newest first: the Bishkek day's part of its own UTC day (before 18:00), then of the day before. */
async function bishkekDayPage(day: string, opts: { limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
  const span = bishkekDaySpan(day);
  let { part, inner } = decodeSpanCursor(opts.cursor);
  const items: Record<string, unknown>[] = [];
  let consumed = 0;
  let done = false;
  while (items.length < opts.limit && !done) {
    const page = await queryPage<Record<string, unknown>>({
      index: 'gsi2',
      partition: indexPartitions.auditByDay(span.utcDays[part]),
      limit: opts.limit - items.length,
      cursor: inner,
      descending: true,
      filter:
        part === 0
          ? { expression: '#at < :bound', names: { '#at': 'at' }, values: { ':bound': span.to } }
          : { expression: '#at >= :bound', names: { '#at': 'at' }, values: { ':bound': span.from } },
    });
    items.push(...page.items);
    consumed += page.consumedCapacity;
    if (page.nextCursor) inner = page.nextCursor;
    else if (part === 0) [part, inner] = [1, undefined];
    else done = true;
  }
  const nextCursor = done ? null : Buffer.from(JSON.stringify({ part, inner }), 'utf8').toString('base64url');
  return { items: items.map(auditEntryFromItem), nextCursor, consumedCapacity: consumed };
}
