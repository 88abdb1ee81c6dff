/**
 * The audit log: every write and every view of personal documents leaves an entry (who, when, what
 * changed, which clause). Entries are Put actions, added to the transaction of the change they record.
 */
import type { Actor, AuditEntry } from '#schemas/audit';
import { config } from '#runtime/config';
import { recordId } from './ids';
import { indexKeys, keys } from './keys';
import type { TransactItem } from './transact';

export interface AuditInput {
  at: Date;
  actor: Actor;
  entityType: string;
  entityId: string;
  action: string;
  clause?: string | null;
  changes?: AuditEntry['changes'];
  detail?: AuditEntry['detail'];
}

export function auditRecord(input: AuditInput): Record<string, unknown> {
  const entry: AuditEntry = {
    id: recordId(input.at.getTime()),
    at: input.at.toISOString(),
    actor: input.actor,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    clause: input.clause ?? null,
    changes: input.changes ?? null,
    detail: input.detail ?? null,
  };
  return Object.assign(
    {},
    keys.audit(entry.entityType, entry.entityId, entry.at, entry.id),
    indexKeys.audit(entry),
    { entity: 'audit', schemaVersion: 1 },
    entry,
  );
}

export function auditPut(input: AuditInput): TransactItem {
  return { Put: { TableName: config().tableName, Item: auditRecord(input) } };
}

/** The fields that differ between two versions of a record, for the audit entry's `changes`. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  ignore: readonly string[] = ['updatedAt', 'version'],
): NonNullable<AuditEntry['changes']> {
  const changes: NonNullable<AuditEntry['changes']> = {};
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const f of fields) {
    if (ignore.includes(f) || /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/.test(f)) continue;
    const a = before?.[f];
    const b = after[f];
    if (a === b) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[f] = { from: a ?? null, to: b ?? null };
  }
  return changes;
}

export const systemActor = (job: string): Actor => ({ kind: 'system', id: `job:${job}`, label: job });
