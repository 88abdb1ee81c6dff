/**
 * Cutting an adoption into transactions. DynamoDB allows at most 100 actions per transaction and one
 * action per item, so the counters touched by a chunk are aggregated into one update per counter item
 * (the election's status counter, and one per organization and per country met in the chunk).
 */
import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CounterScope } from '#data/counters';
import { keys } from '#data/keys';
import type { TransactItem } from '#data/transact';
import type { PersonStatus } from '#domain/lifecycle';
import { config } from '#runtime/config';

export interface ChunkEntry {
  scope: CounterScope;
  /** Actions this entry adds to the transaction (person, item, audit, outbox, certificate, ...). */
  actions: number;
}

/**
 * Greedy cut of `entries` (in order) into chunks whose transactions stay within `limit` actions:
 * `fixed` per chunk, plus each entry's own actions, plus one counter update per organization and per
 * country first met in the chunk (the election's status counter is part of `fixed`).
 * Returns the number of entries of each chunk.
 */
export function cutChunks(
  entries: readonly ChunkEntry[],
  fixed: number,
  limit = 100,
  maxEntries = Number.POSITIVE_INFINITY,
): number[] {
  const sizes: number[] = [];
  let orgs = new Set<string>();
  let countries = new Set<string>();
  let used = fixed;
  let n = 0;
  const extraOf = (e: ChunkEntry) =>
    e.actions + (orgs.has(e.scope.organizationId) ? 0 : 1) + (countries.has(e.scope.organizationCountry) ? 0 : 1);
  for (const e of entries) {
    if (fixed + e.actions + 2 > limit) {
      throw new RangeError(`one entry needs ${fixed + e.actions + 2} actions, more than ${limit}`);
    }
    if (n > 0 && (used + extraOf(e) > limit || n >= maxEntries)) {
      sizes.push(n);
      orgs = new Set();
      countries = new Set();
      used = fixed;
      n = 0;
    }
    used += extraOf(e);
    orgs.add(e.scope.organizationId);
    countries.add(e.scope.organizationCountry);
    n++;
  }
  if (n > 0) sizes.push(n);
  return sizes;
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

/** One ADD update per counter item touched by `moves` (the counters stay exact: same transaction). */
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
