/**
 * Status changes of many people at once, for the jobs (lapse at the window's close, 3.6; expiry of
 * mandates, 3.7). Each person still goes through the transition table and a write conditional on the
 * status and version read (`personReplacePut`), with an audit entry; the counters of a whole chunk are
 * summed into one update per counter item, so a transaction of at most 100 actions carries dozens of
 * people. A person decided concurrently loses nothing: the chunk's transaction fails on that person's
 * condition, the person is read again, and is carried on only if the event still applies.
 */
import { createHash } from 'node:crypto';
import { auditPut, diff } from '#data/audit';
import { counterMoves } from '#data/counters';
import { applyEvent, getPeople, personReplacePut, scopeOf } from '#data/persons';
import { ConditionFailedError, MAX_TRANSACTION_ITEMS, type TransactItem, transact } from '#data/transact';
import { canApply, EVENT_CLAUSE, nextStatus, type PersonEvent, type PersonStatus } from '#domain/lifecycle';
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
  /** How many times a chunk is retried after people in it changed (default 3). */
  attempts?: number;
}

export interface BulkOutcome {
  moved: Person[];
  /** People who kept changing under the job: left for the next run. */
  skipped: Person[];
}

type Counted = Record<string, { item: TransactItem; n: number }>;

function counterKey(item: TransactItem): string {
  const key = item.Update?.Key ?? {};
  return `${String(key.pk)}|${String(key.sk)}`;
}

/** The counters' moves for a chunk: one update per counter item, summed over the chunk's people. */
export function summedCounterMoves(people: readonly Person[], from: PersonStatus, to: PersonStatus): TransactItem[] {
  const counted: Counted = {};
  for (const p of people) {
    for (const item of counterMoves(scopeOf(p), from, to, 1)) {
      const k = counterKey(item);
      const entry = counted[k];
      if (entry) entry.n++;
      else counted[k] = { item, n: 1 };
    }
  }
  return Object.values(counted).map(({ item, n }) => {
    const update = item.Update!;
    const values = Object.fromEntries(
      Object.entries(update.ExpressionAttributeValues ?? {}).map(([k, v]) => [k, typeof v === 'number' ? v * n : v]),
    );
    return { Update: { ...update, ExpressionAttributeValues: values } };
  });
}

function counterItemsOf(people: readonly Person[]): number {
  const keys = new Set<string>();
  for (const p of people) {
    keys.add(`O#${p.organizationId}`);
    keys.add(`C#${p.organizationCountry}`);
  }
  return keys.size + (people.length > 0 ? 1 : 0);
}

/**
 * Splits people into chunks whose transaction stays within DynamoDB's 100 actions: per person its
 * write, its audit entry and its extras, plus one update per counter item the chunk touches.
 * People are grouped by organization first, so a chunk touches few counter items.
 */
export function chunkForTransactions(people: readonly Person[], actionsPerPerson: number): Person[][] {
  const sorted = [...people].sort(
    (a, b) =>
      a.organizationId.localeCompare(b.organizationId) || a.organizationCountry.localeCompare(b.organizationCountry),
  );
  const chunks: Person[][] = [];
  let chunk: Person[] = [];
  for (const p of sorted) {
    const next = [...chunk, p];
    if (chunk.length > 0 && next.length * actionsPerPerson + counterItemsOf(next) > MAX_TRANSACTION_ITEMS) {
      chunks.push(chunk);
      chunk = [p];
    } else {
      chunk = next;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** A token that makes the SDK's retry of the same chunk idempotent (same people, same versions). */
function requestToken(event: PersonEvent, people: readonly Person[]): string {
  const h = createHash('sha256');
  h.update(event);
  for (const p of people) h.update(`|${p.id}:${p.version}`);
  return h.digest('base64url').slice(0, 36);
}

async function writeChunk(chunk: Person[], spec: BulkTransition): Promise<BulkOutcome> {
  const attempts = spec.attempts ?? 3;
  let people = chunk.filter((p) => canApply(p.status, spec.event));
  for (let attempt = 1; people.length > 0; attempt++) {
    const afters = people.map((p) => applyEvent(p, spec.event, {}, spec.now));
    const byStatus = new Map<PersonStatus, Person[]>();
    for (const p of people) byStatus.set(p.status, [...(byStatus.get(p.status) ?? []), p]);
    const items: TransactItem[] = [];
    const personIndex = new Map<number, number>();
    people.forEach((p, i) => {
      const after = afters[i]!;
      personIndex.set(items.length, i);
      items.push(personReplacePut(p, after));
      items.push(
        auditPut({
          at: spec.now,
          actor: spec.actor,
          entityType: 'person',
          entityId: p.id,
          action: spec.event,
          clause: EVENT_CLAUSE[spec.event],
          changes: diff(p, after),
          detail: spec.detail?.(p) ?? null,
        }),
      );
      items.push(...(spec.extra?.(p, after) ?? []));
    });
    // Normally one status per chunk (one status partition per page); re-read people may differ.
    for (const [status, group] of byStatus)
      items.push(...summedCounterMoves(group, status, nextStatus(status, spec.event)));
    try {
      await transact(items, { clientRequestToken: requestToken(spec.event, people) });
      return { moved: afters, skipped: [] };
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
      const failed = new Set(
        err.failedIndexes.flatMap((i) => (personIndex.has(i) ? [people[personIndex.get(i)!]!.id] : [])),
      );
      if (failed.size === 0) throw err;
      if (attempt >= attempts) {
        // The rest of the chunk was fine: write it without the people who keep changing.
        const rest = people.filter((p) => !failed.has(p.id));
        const done = rest.length > 0 ? await writeChunk(rest, { ...spec, attempts: 1 }) : { moved: [], skipped: [] };
        return { moved: done.moved, skipped: [...done.skipped, ...people.filter((p) => failed.has(p.id))] };
      }
      // Read the people who changed again (consistently) and carry on with those the event still fits.
      const fresh = new Map((await getPeople([...failed])).map((p) => [p.id, p]));
      people = people.flatMap((p) => {
        if (!failed.has(p.id)) return [p];
        const now = fresh.get(p.id);
        return now && canApply(now.status, spec.event) ? [now] : [];
      });
    }
  }
  return { moved: [], skipped: [] };
}

/**
 * Applies `event` to every person it still fits, chunk by chunk (sequentially: every chunk updates the
 * election's status counter, and concurrent transactions on one item would only conflict).
 */
export async function transitionMany(people: readonly Person[], spec: BulkTransition): Promise<BulkOutcome> {
  const result: BulkOutcome = { moved: [], skipped: [] };
  for (const chunk of chunkForTransactions(people, 2 + (spec.extraActionsPerPerson ?? 0))) {
    const out = await writeChunk(chunk, spec);
    result.moved.push(...out.moved);
    result.skipped.push(...out.skipped);
  }
  return result;
}
