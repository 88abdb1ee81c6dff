/**
 * Planning a bulk status change (pure): which people go into which transaction, and the counter
 * updates of each. DynamoDB allows at most 100 actions per transaction and one action per item, so
 * every counter move of a chunk is merged into ONE update per counter item (the election's status
 * counter, and one per organization and per country met in the chunk). The counters stay exact because
 * they are written by the same transaction as the status changes they count (design principle 5).
 */
import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CounterScope } from '#data/counters';
import { keys } from '#data/keys';
import { MAX_TRANSACTION_ITEMS, type TransactItem } from '#data/transact';
import type { PersonStatus } from '#domain/lifecycle';
import { config } from '#runtime/config';

export interface ChunkEntry {
  scope: CounterScope;
  /** Actions this entry adds to the transaction (its write, its audit entry, its extras). */
  actions: number;
}

export interface CutOptions {
  /** Actions every chunk carries besides its people and counters (checks, progress, closing entries). */
  fixed?: number;
  /** Actions the first chunk carries on top of `fixed` (e.g. the application's own write). */
  lead?: number;
  /** Actions per transaction; DynamoDB allows 100. */
  limit?: number;
}

/**
 * Greedy cut of `entries` (in order) into chunks whose transactions stay within `limit` actions: the
 * chunk's fixed actions, each entry's own actions, and one counter update per election, organization
 * and country first met in the chunk. Returns the number of entries of each chunk.
 */
export function cutChunks(entries: readonly ChunkEntry[], opts: CutOptions = {}): number[] {
  const fixed = opts.fixed ?? 0;
  const limit = Math.min(opts.limit ?? MAX_TRANSACTION_ITEMS, MAX_TRANSACTION_ITEMS);
  const sizes: number[] = [];
  let seen = new Set<string>();
  let used = fixed + (opts.lead ?? 0);
  let n = 0;
  const countersOf = (s: CounterScope) => [`E#${s.electionId}`, `O#${s.organizationId}`, `C#${s.organizationCountry}`];
  const extraOf = (e: ChunkEntry) => e.actions + countersOf(e.scope).filter((k) => !seen.has(k)).length;
  for (const e of entries) {
    if (fixed + e.actions + 3 > limit) {
      throw new RangeError(`one person needs ${fixed + e.actions + 3} actions, more than ${limit}`);
    }
    if (n > 0 && used + extraOf(e) > limit) {
      sizes.push(n);
      seen = new Set();
      used = fixed;
      n = 0;
    }
    used += extraOf(e);
    for (const k of countersOf(e.scope)) seen.add(k);
    n++;
  }
  if (n > 0) sizes.push(n);
  return sizes;
}

/**
 * People of one organization side by side (stable otherwise): a chunk then touches few counter items
 * and holds more people.
 */
export function byOrganization<T>(entries: readonly T[], scope: (e: T) => CounterScope): T[] {
  return entries
    .map((e, i) => ({ e, i, org: scope(e).organizationId }))
    .sort((a, b) => (a.org < b.org ? -1 : a.org > b.org ? 1 : a.i - b.i))
    .map((x) => x.e);
}

export interface StatusMove {
  scope: CounterScope;
  from: PersonStatus;
  to: PersonStatus;
}

/** Net change per counter item and status, for a set of moves. */
export function counterDeltas(
  moves: readonly StatusMove[],
): Map<string, { key: { pk: string; sk: string }; deltas: Map<PersonStatus, number> }> {
  const out = new Map<string, { key: { pk: string; sk: string }; deltas: Map<PersonStatus, number> }>();
  for (const m of moves) {
    if (m.from === m.to) continue;
    for (const key of [
      keys.statusCounter(m.scope.electionId),
      keys.orgCounter(m.scope.electionId, m.scope.organizationId),
      keys.countryCounter(m.scope.electionId, m.scope.organizationCountry),
    ]) {
      const id = `${key.pk}|${key.sk}`;
      let entry = out.get(id);
      if (!entry) {
        entry = { key, deltas: new Map() };
        out.set(id, entry);
      }
      entry.deltas.set(m.from, (entry.deltas.get(m.from) ?? 0) - 1);
      entry.deltas.set(m.to, (entry.deltas.get(m.to) ?? 0) + 1);
    }
  }
  return out;
}

/** One ADD update per counter item touched by `moves`, with the net change of every status moved. */
export function counterUpdates(moves: readonly StatusMove[]): TransactItem[] {
  const actions: TransactItem[] = [];
  for (const { key, deltas } of counterDeltas(moves).values()) {
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const parts: string[] = [];
    let i = 0;
    for (const [status, delta] of deltas) {
      if (delta === 0) continue;
      names[`#s${i}`] = status;
      values[`:d${i}`] = delta;
      parts.push(`#s${i} :d${i}`);
      i++;
    }
    if (parts.length === 0) continue;
    const update: UpdateCommandInput = {
      TableName: config().tableName,
      Key: key,
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    actions.push({ Update: update as NonNullable<TransactItem['Update']> });
  }
  return actions;
}
