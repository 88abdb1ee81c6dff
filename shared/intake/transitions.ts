/**
 * Status changes of an application's people (submit 3.1, the MFA's forward or return 3.2), through
 * the bulk status change engine (shared/data/status-changes): the application's own write and audit
 * entry lead the first transaction; a person or the application changed meanwhile stops the run with a
 * 409. What was written stays consistent (each transaction is whole) and the operation is safe to
 * repeat: it picks up the people not yet moved.
 */
import {
  type StatusChange,
  type StatusChangeRun,
  planStatusChanges,
  writeStatusChanges,
} from '#data/status-changes/write';
import type { TransactItem } from '#data/transact';
import type { Actor } from '#schemas/audit';

export type PersonChange = Pick<StatusChange, 'before' | 'after' | 'event' | 'detail'>;

function runOf(actor: Actor, now: Date, lead: readonly TransactItem[]): StatusChangeRun<PersonChange> {
  return {
    actor,
    now: () => now,
    personOf: (c) => c.before,
    change: (c) => c,
    lead,
    // The people of one application belong to one organization: their order is kept as given.
    order: 'as-given',
  };
}

/** The transactions of the change (pure); `lead` (the application's own write) goes into the first. */
export function planTransitions(
  changes: readonly PersonChange[],
  actor: Actor,
  now: Date,
  lead: readonly TransactItem[] = [],
): TransactItem[][] {
  return planStatusChanges(changes, runOf(actor, now, lead), now);
}

export async function writeTransitions(
  changes: readonly PersonChange[],
  actor: Actor,
  now: Date,
  lead: readonly TransactItem[] = [],
): Promise<void> {
  await writeStatusChanges(changes, runOf(actor, now, lead));
}
