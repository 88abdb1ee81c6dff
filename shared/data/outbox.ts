/**
 * The outbox: mail and certificates to produce, written in the same transaction as the decision that
 * calls for them (design principle 5). The table's stream delivers each new item to its consumer.
 */
import { ulid } from 'ulid';
import { config } from '#runtime/config';
import { indexKeys, keys } from './keys';
import type { TransactItem } from './transact';

export type OutboxKind = 'email' | 'certificate';
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
  kind: OutboxKind;
  /** The template or renderer to use, e.g. `access-code`, `decision-accredited`, `certificate`. */
  template: string;
  /** Everything the renderer needs; no lookups of mutable state at send time where avoidable. */
  payload: Record<string, unknown>;
  /** Where mail goes; empty for certificates. */
  to?: string[];
  electionId?: string;
  entityId?: string;
}

export function outboxRecord(message: OutboxMessage, at: Date): Record<string, unknown> {
  const id = ulid(at.getTime());
  const createdAt = at.toISOString();
  const status: OutboxStatus = 'pending';
  return {
    ...keys.outbox(id),
    ...indexKeys.outbox({ id, status, createdAt }),
    entity: 'outbox',
    schemaVersion: 1,
    id,
    status,
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
    lastError: null,
    ...message,
  };
}

export function outboxPut(message: OutboxMessage, at: Date): TransactItem {
  return { Put: { TableName: config().tableName, Item: outboxRecord(message, at) } };
}
