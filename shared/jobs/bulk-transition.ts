/**
 * Status changes of many people at once, for the jobs (lapse at the window's close, 3.6; expiry of
 * mandates, 3.7), through the bulk status change engine (shared/data/status-changes). A person decided
 * concurrently loses nothing: the chunk's transaction fails on that person's condition, the person is
 * read again, and is carried on only if the event still applies; one who keeps changing is left for the
 * job's next run.
 */
import { applyEvent, getPeople } from '#data/persons';
import { writeStatusChanges } from '#data/status-changes/write';
import type { TransactItem } from '#data/transact';
import { canApply, type PersonEvent } from '#domain/lifecycle';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';

export interface BulkTransition {
  event: PersonEvent;
  actor: Actor;
  now: Date;
  /** Extra detail for each person's audit entry. */
  detail?: (before: Person) => Record<string, unknown>;
  /** Actions written with each person (outbox mail ...), in the same transaction. */
  extra?: (before: Person, after: Person) => TransactItem[];
  /** The most actions `extra` returns for one person (sizes the transactions). */
  extraActionsPerPerson?: number;
  /** How many times a chunk is tried when people in it changed (default 3). */
  attempts?: number;
}

export interface BulkOutcome {
  moved: Person[];
  /** People who kept changing under the job: left for the next run. */
  skipped: Person[];
}

/** Applies `event` to every person it still fits. */
export async function transitionMany(people: readonly Person[], spec: BulkTransition): Promise<BulkOutcome> {
  const out = await writeStatusChanges(
    people.filter((p) => canApply(p.status, spec.event)),
    {
      actor: spec.actor,
      now: () => spec.now,
      personOf: (p) => p,
      extraActions: () => spec.extraActionsPerPerson ?? 0,
      change: (before, at) => {
        const after = applyEvent(before, spec.event, {}, at);
        return {
          before,
          after,
          event: spec.event,
          detail: spec.detail?.(before) ?? null,
          extra: spec.extra?.(before, after),
        };
      },
      attempts: spec.attempts,
      stillChanging: 'skip',
      tokenSalt: spec.event,
      // Read the people who changed again (consistently); carry on with those the event still fits.
      async changed(failed, chunk) {
        const fresh = new Map((await getPeople(failed.map((p) => p.id))).map((p) => [p.id, p]));
        return chunk.flatMap((p) => {
          if (!failed.includes(p)) return [p];
          const now = fresh.get(p.id);
          return now && canApply(now.status, spec.event) ? [now] : [];
        });
      },
    },
  );
  return { moved: out.written.map((c) => c.after), skipped: out.skipped };
}
