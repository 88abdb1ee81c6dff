/**
 * The one engine for status changes of many people at once: submit (3.1), the MFA's forward or return
 * (3.2), the adoption of a resolution (3.3, 4.7), the lapse at the window's close (3.6) and the expiry
 * of mandates (3.7).
 *
 * Every person goes through the transition table (`applyEvent`, by the caller) and is written with
 * a Put conditional on the status and version read, beside its audit entry and whatever the caller adds
 * for that person (outbox mail, certificate). People are written in transactions of at most 100 actions;
 * a chunk's counter moves are merged into one update per counter item, and the caller may add actions
 * to every chunk (a check, the progress that makes the run resumable, a closing entry) and to the first
 * (the application's own write). A transaction is whole or nothing, so a crash leaves a consistent
 * prefix of chunks.
 *
 * Someone may change a person between the read and the write: that person's condition fails the
 * chunk. The caller says what then happens (`changed`): re-read and carry on with the people the change
 * still fits, or refuse. After `attempts` tries the people who keep changing are left out (`skip`) or the
 * run stops (`throw`).
 *
 * Chunks are written one after another: each one updates the election's status counter, and concurrent
 * transactions on one item are cancelled against each other by DynamoDB (TransactionConflict).
 */
import { createHash } from 'node:crypto';
import { auditPut, diff } from '#data/audit';
import { personReplacePut, scopeOf } from '#data/persons';
import { ConditionFailedError, MAX_TRANSACTION_ITEMS, type TransactItem, transact } from '#data/transact';
import { ConcurrencyError } from '#domain/errors';
import { EVENT_CLAUSE, type PersonEvent } from '#domain/lifecycle';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';
import { byOrganization, counterUpdates, cutChunks, type StatusMove } from './plan';

/** One person's status change, as written: the person, its audit entry, the caller's extras. */
export interface StatusChange {
  before: Person;
  after: Person;
  event: PersonEvent;
  /** The clause the audit entry cites; the event's own by default. */
  clause?: string;
  detail?: Record<string, unknown> | null;
  /** Actions written with this person, in the same transaction (outbox message, certificate ...). */
  extra?: TransactItem[];
}

export interface ChunkInfo<S> {
  /** 0-based number of the chunk within this run. */
  index: number;
  subjects: readonly S[];
  changes: readonly StatusChange[];
  first: boolean;
  last: boolean;
  /** The instant stamped on this try of the chunk. */
  at: Date;
}

export interface ChunkReport {
  /** Chunks committed by this run so far (this one included). */
  chunks: number;
  /** People written by this run so far. */
  done: number;
  total: number;
}

export interface StatusChangeRun<S> {
  actor: Actor;
  /** The instant stamped on a chunk's writes, read once per try of a chunk. */
  now: () => Date;
  /** The person a subject is about (for ordering and counters). */
  personOf: (s: S) => Person;
  /** Actions a subject adds beyond its write and audit entry (the most its `change` may return). */
  extraActions?: (s: S) => number;
  /** The change of one subject, built when its chunk is written (again on a retry). */
  change: (s: S, at: Date) => StatusChange;
  /** Actions of the first transaction, before the people (e.g. the application's own write). */
  lead?: readonly TransactItem[];
  /** How many actions `chunkActions` returns at most (sizes the transactions). */
  fixedActions?: number;
  /** Actions written with every chunk, after the people and counters (a check, the progress ...). */
  chunkActions?: (chunk: ChunkInfo<S>) => TransactItem[];
  /**
   * A chunk failed on the conditions of these subjects (they changed meanwhile). Returns the chunk's
   * subjects to try again (re-read, without those the change no longer fits), or throws to stop.
   * Without it a changed person stops the run with a 409.
   */
  changed?: (failed: readonly S[], chunk: readonly S[]) => Promise<S[]>;
  /**
   * A chunk failed on one of its own actions (lead or `chunkActions`): `positions` index the lead
   * followed by the chunk's actions. Must throw; a 409 by default.
   */
  chunkFailed?: (positions: readonly number[], chunk: ChunkInfo<S>) => Promise<never>;
  /** Tries of one chunk (default 3). */
  attempts?: number;
  /** After the last try: leave out the people who keep changing (`skip`), or stop (`throw`, default). */
  stillChanging?: 'skip' | 'throw';
  /** Order the subjects organization by organization (default), or keep them as given. */
  order?: 'by-organization' | 'as-given';
  /** Makes the SDK's retry of one chunk idempotent: mixed into its ClientRequestToken. */
  tokenSalt?: string;
  /** Actions per transaction (DynamoDB allows 100; tests use fewer to get many chunks). */
  maxActions?: number;
  /** Called after each committed chunk (a test throws here to interrupt a run part-way). */
  afterChunk?: (report: ChunkReport) => void | Promise<void>;
}

export interface StatusChangeOutcome<S> {
  /** The changes written, in the order written. */
  written: StatusChange[];
  /** Subjects left out because they kept changing (`stillChanging: 'skip'`): for the next run. */
  skipped: S[];
  chunks: number;
}

const conflict = () =>
  new ConcurrencyError('a representative or the application changed meanwhile; reload and try again');

/** The transaction of one chunk, and where its people's writes are within it. */
export function chunkTransaction<S>(
  run: Pick<StatusChangeRun<S>, 'actor' | 'lead' | 'chunkActions'>,
  info: Omit<ChunkInfo<S>, 'changes'>,
  changes: readonly StatusChange[],
): { actions: TransactItem[]; subjectAt: Map<number, number>; ownAt: Map<number, number> } {
  const actions: TransactItem[] = [];
  const subjectAt = new Map<number, number>();
  const ownAt = new Map<number, number>();
  let own = 0;
  if (info.first) {
    for (const a of run.lead ?? []) {
      ownAt.set(actions.length, own++);
      actions.push(a);
    }
  }
  const moves: StatusMove[] = [];
  changes.forEach((c, i) => {
    subjectAt.set(actions.length, i);
    actions.push(personReplacePut(c.before, c.after));
    actions.push(
      auditPut({
        at: info.at,
        actor: run.actor,
        entityType: 'person',
        entityId: c.before.id,
        action: c.event,
        clause: c.clause ?? EVENT_CLAUSE[c.event],
        changes: diff(c.before, c.after),
        detail: c.detail ?? null,
      }),
    );
    for (const x of c.extra ?? []) actions.push(x);
    moves.push({ scope: scopeOf(c.before), from: c.before.status, to: c.after.status });
  });
  actions.push(...counterUpdates(moves));
  for (const a of run.chunkActions?.({ ...info, changes }) ?? []) {
    ownAt.set(actions.length, own++);
    actions.push(a);
  }
  return { actions, subjectAt, ownAt };
}

function requestToken(salt: string, index: number, tryNo: number, changes: readonly StatusChange[]): string {
  const h = createHash('sha256').update(`${salt}:${index}:${tryNo}`);
  for (const c of changes) h.update(`|${c.before.id}:${c.before.version}:${c.event}`);
  return h.digest('base64url').slice(0, 36);
}

/** The subjects in writing order, and the number of them in each chunk. */
function cut<S>(subjects: readonly S[], run: StatusChangeRun<S>): { ordered: S[]; sizes: number[]; limit: number } {
  const ordered =
    (run.order ?? 'by-organization') === 'by-organization'
      ? byOrganization(subjects, (s) => scopeOf(run.personOf(s)))
      : [...subjects];
  const extraOf = run.extraActions ?? (() => 0);
  const limit = Math.min(run.maxActions ?? MAX_TRANSACTION_ITEMS, MAX_TRANSACTION_ITEMS);
  const sizes = cutChunks(
    ordered.map((s) => ({ scope: scopeOf(run.personOf(s)), actions: 2 + extraOf(s) })),
    { fixed: run.fixedActions ?? 0, lead: run.lead?.length ?? 0, limit },
  );
  if (sizes.length === 0 && ((run.lead?.length ?? 0) > 0 || run.chunkActions)) sizes.push(0);
  return { ordered, sizes, limit };
}

/** The transactions a run would write, all stamped `at` (pure: for tests and benchmarks). */
export function planStatusChanges<S>(subjects: readonly S[], run: StatusChangeRun<S>, at: Date): TransactItem[][] {
  const { ordered, sizes } = cut(subjects, run);
  let offset = 0;
  return sizes.map((size, index) => {
    const slice = ordered.slice(offset, offset + size);
    offset += size;
    const info = { index, subjects: slice, at, first: index === 0, last: index === sizes.length - 1 };
    return chunkTransaction(
      run,
      info,
      slice.map((s) => run.change(s, at)),
    ).actions;
  });
}

/**
 * Writes the status changes of `subjects`, chunk by chunk. An empty list still writes one chunk when
 * the run has a lead or chunk actions (an application without people to move, an adoption whose last
 * items were dropped).
 */
export async function writeStatusChanges<S>(
  subjects: readonly S[],
  run: StatusChangeRun<S>,
): Promise<StatusChangeOutcome<S>> {
  const { ordered, sizes, limit } = cut(subjects, run);
  const outcome: StatusChangeOutcome<S> = { written: [], skipped: [], chunks: 0 };
  let offset = 0;
  for (let index = 0; index < sizes.length; index++) {
    const slice = ordered.slice(offset, offset + sizes[index]!);
    offset += sizes[index]!;
    const last = index === sizes.length - 1;
    const written = await writeChunk(run, slice, { index, first: index === 0, last }, outcome, limit);
    outcome.written.push(...written);
    outcome.chunks++;
    await run.afterChunk?.({ chunks: outcome.chunks, done: outcome.written.length, total: ordered.length });
  }
  return outcome;
}

async function writeChunk<S>(
  run: StatusChangeRun<S>,
  initial: S[],
  where: { index: number; first: boolean; last: boolean },
  outcome: StatusChangeOutcome<S>,
  limit: number,
): Promise<StatusChange[]> {
  const attempts = run.attempts ?? 3;
  let subjects = initial;
  for (let tryNo = 1; ; tryNo++) {
    const at = run.now();
    const changes = subjects.map((s) => run.change(s, at));
    const info = { ...where, subjects, at };
    const { actions, subjectAt, ownAt } = chunkTransaction(run, info, changes);
    if (actions.length > limit) throw new RangeError(`a chunk grew to ${actions.length} actions, more than ${limit}`);
    try {
      await transact(actions, { clientRequestToken: requestToken(run.tokenSalt ?? '', where.index, tryNo, changes) });
      return changes;
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
      const own = err.failedIndexes.flatMap((i) => (ownAt.has(i) ? [ownAt.get(i)!] : []));
      if (own.length > 0) {
        if (run.chunkFailed) await run.chunkFailed(own, { ...info, changes });
        throw conflict();
      }
      const failedAt = new Set(err.failedIndexes.flatMap((i) => (subjectAt.has(i) ? [subjectAt.get(i)!] : [])));
      // A failure on an extra action (not the person, not the chunk's own): nothing to re-read.
      if (failedAt.size === 0) throw err;
      const failed = subjects.filter((_, i) => failedAt.has(i));
      if (!run.changed) throw conflict();
      if (tryNo >= attempts) {
        if ((run.stillChanging ?? 'throw') === 'throw') {
          throw new ConcurrencyError('the people of this change kept changing meanwhile; try again');
        }
        // The rest of the chunk was fine: write it without the people who keep changing.
        outcome.skipped.push(...failed);
        subjects = subjects.filter((_, i) => !failedAt.has(i));
        if (subjects.length === 0 && !run.chunkActions) return [];
        continue;
      }
      subjects = await run.changed(failed, subjects);
    }
  }
}
