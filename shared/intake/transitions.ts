/**
 * Status changes of many people at once (submit 3.1, the MFA's forward or return 3.2), each person
 * through the transition table, written in transactions of at most 100 actions: per person its
 * conditional write and its audit entry; per transaction one counter update per counter item, with
 * every status move of that transaction merged into it (a transaction may touch an item only once).
 */
import { ConcurrencyError } from '#domain/errors';
import { EVENT_CLAUSE, type PersonEvent, type PersonStatus } from '#domain/lifecycle';
import { auditPut, diff } from '#data/audit';
import type { CounterScope } from '#data/counters';
import { keys } from '#data/keys';
import { personReplacePut, scopeOf } from '#data/persons';
import { ConditionFailedError, MAX_TRANSACTION_ITEMS, type TransactItem, transact } from '#data/transact';
import { config } from '#runtime/config';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';

export interface PersonChange {
  before: Person;
  after: Person;
  event: PersonEvent;
  detail?: Record<string, unknown>;
}

const COUNTER_ITEMS_PER_SCOPE = 3;

/** One ADD per counter item of the scope, with the net change of every status moved. */
export function mergedCounterUpdates(
  scope: CounterScope,
  moves: readonly { from: PersonStatus; to: PersonStatus }[],
): TransactItem[] {
  const net = new Map<PersonStatus, number>();
  for (const m of moves) {
    if (m.from === m.to) continue;
    net.set(m.from, (net.get(m.from) ?? 0) - 1);
    net.set(m.to, (net.get(m.to) ?? 0) + 1);
  }
  const entries = [...net.entries()].filter(([, n]) => n !== 0);
  if (entries.length === 0) return [];
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = entries.map(([status, n], i) => {
    names[`#s${i}`] = status;
    values[`:n${i}`] = n;
    return `#s${i} :n${i}`;
  });
  return [
    keys.statusCounter(scope.electionId),
    keys.orgCounter(scope.electionId, scope.organizationId),
    keys.countryCounter(scope.electionId, scope.organizationCountry),
  ].map((Key) => ({
    Update: {
      TableName: config().tableName,
      Key,
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }));
}

function scopeKey(s: CounterScope): string {
  return `${s.electionId}#${s.organizationId}#${s.organizationCountry}`;
}

/** Splits the changes into transactions; `lead` (e.g. the application's own write) goes into the first. */
export function planTransitions(
  changes: readonly PersonChange[],
  actor: Actor,
  now: Date,
  lead: readonly TransactItem[] = [],
): TransactItem[][] {
  const chunks: PersonChange[][] = [];
  let current: PersonChange[] = [];
  let used = lead.length;
  let scopes = new Set<string>();
  for (const c of changes) {
    const sk = scopeKey(scopeOf(c.before));
    const extra = 2 + (scopes.has(sk) ? 0 : COUNTER_ITEMS_PER_SCOPE);
    if (current.length > 0 && used + extra > MAX_TRANSACTION_ITEMS) {
      chunks.push(current);
      current = [];
      used = 0;
      scopes = new Set();
    }
    current.push(c);
    used += 2 + (scopes.has(sk) ? 0 : COUNTER_ITEMS_PER_SCOPE);
    scopes.add(sk);
  }
  if (current.length > 0 || lead.length > 0) chunks.push(current);
  return chunks.map((chunk, i) => {
    const byScope = new Map<string, { scope: CounterScope; moves: { from: PersonStatus; to: PersonStatus }[] }>();
    for (const c of chunk) {
      const scope = scopeOf(c.before);
      const entry = byScope.get(scopeKey(scope)) ?? { scope, moves: [] };
      entry.moves.push({ from: c.before.status, to: c.after.status });
      byScope.set(scopeKey(scope), entry);
    }
    return [
      ...(i === 0 ? lead : []),
      ...chunk.flatMap((c) => [
        personReplacePut(c.before, c.after),
        auditPut({
          at: now,
          actor,
          entityType: 'person',
          entityId: c.before.id,
          action: c.event,
          clause: EVENT_CLAUSE[c.event],
          changes: diff(c.before, c.after),
          detail: c.detail ?? null,
        }),
      ]),
      ...[...byScope.values()].flatMap((e) => mergedCounterUpdates(e.scope, e.moves)),
    ];
  });
}

/**
 * Writes the planned transactions in order. A failed condition (someone changed a person or the
 * application meanwhile) stops the run with a 409; what was written stays consistent (each transaction
 * is whole) and the operation is safe to retry: it picks up the people not yet moved.
 */
export async function writeTransitions(
  changes: readonly PersonChange[],
  actor: Actor,
  now: Date,
  lead: readonly TransactItem[] = [],
): Promise<void> {
  for (const items of planTransitions(changes, actor, now, lead)) {
    try {
      await transact(items);
    } catch (err) {
      if (err instanceof ConditionFailedError) {
        throw new ConcurrencyError('a representative or the application changed meanwhile; reload and try again');
      }
      throw err;
    }
  }
}
