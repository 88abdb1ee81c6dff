/**
 * What every scheduled job shares: the instant it runs at (from the injected clock), a time budget,
 * its checkpoints, and the loop that walks an election's work page by page, saving a checkpoint after
 * each page (design principle 6). A job always finishes at least one page per run, so even a tiny
 * budget makes progress; once the budget is spent it stops and the next run continues.
 */
import { listElections } from '#data/elections';
import { indexPartitions } from '#data/keys';
import { queryPage } from '#data/paging';
import { personFromItem } from '#data/persons';
import type { PersonStatus } from '#domain/lifecycle';
import type { Election } from '#schemas/election';
import type { Person } from '#schemas/person';
import { type Checkpoint, type CheckpointStore, freshCheckpoint } from './checkpoints';

export interface JobContext {
  /** The instant the job runs at: the runtime clock in AWS, the movable clock in tests and the twin. */
  now: Date;
  /** Epoch milliseconds of real time after which the job stops at the next page boundary. */
  deadline: number;
  checkpoints: CheckpointStore;
  /** Items per Query page (default 500: fewer, fuller transactions; one checkpoint per page). */
  pageSize?: number;
}

export interface ScopeReport {
  scope: string;
  electionId: string;
  phase: string | null;
  count: number;
  skipped: number;
  done: boolean;
}

export interface JobResult {
  job: string;
  /** False when the budget ran out (or some records must be retried): the next run continues. */
  done: boolean;
  /** Records changed in this run. */
  changed: number;
  scopes: ScopeReport[];
}

export const DEFAULT_PAGE_SIZE = 500;

/** Real time spent against the deadline; the first page of a run is always allowed. */
export class Budget {
  private pages = 0;
  constructor(private readonly deadline: number) {}
  tick(): void {
    this.pages++;
  }
  spent(): boolean {
    return this.pages > 0 && Date.now() > this.deadline;
  }
}

/** Every election, through the `ELECTIONS` index partition (a small, bounded collection: no Scan). */
export async function allElections(): Promise<Election[]> {
  const result: Election[] = [];
  let cursor: string | undefined;
  do {
    const page = await listElections({ limit: 100, cursor, descending: false });
    result.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return result;
}

export interface PageOutcome {
  nextCursor: string | null;
  /** Records changed by this page. */
  changed: number;
  /** Records left alone because they changed under the job and could not be re-read into shape. */
  skipped: number;
}

export interface Phase {
  name: string;
  page(cursor: string | null): Promise<PageOutcome>;
}

export type ScopeState = 'done' | 'paused' | 'retry';

/**
 * Runs the phases of one scope from its checkpoint. After each page the checkpoint is saved; when
 * every phase is through, the scope is `done` (re-runs skip it) unless records were skipped, in which
 * case it starts over on the next run, when only the leftovers are still to do.
 * `finish`, when given, writes the final checkpoint itself (e.g. in one transaction with a summary).
 */
export async function runScope(opts: {
  job: string;
  ctx: JobContext;
  budget: Budget;
  checkpoint: Checkpoint;
  phases: readonly Phase[];
  finish?: (checkpoint: Checkpoint) => Promise<void>;
}): Promise<ScopeState> {
  const { job, ctx, budget, phases } = opts;
  const cp = opts.checkpoint;
  let i = cp.phase === null ? 0 : phases.findIndex((p) => p.name === cp.phase);
  if (i < 0) {
    i = 0;
    cp.cursor = null;
  }
  while (i < phases.length) {
    if (budget.spent()) {
      await ctx.checkpoints.save(job, cp);
      return 'paused';
    }
    const phase = phases[i]!;
    cp.phase = phase.name;
    const out = await phase.page(cp.cursor);
    budget.tick();
    cp.count += out.changed;
    cp.skipped += out.skipped;
    cp.updatedAt = ctx.now.toISOString();
    if (out.nextCursor) {
      cp.cursor = out.nextCursor;
    } else {
      i++;
      cp.phase = phases[i]?.name ?? null;
      cp.cursor = null;
    }
    if (i < phases.length) await ctx.checkpoints.save(job, cp);
  }
  if (cp.skipped > 0) {
    // Some records changed while the job wrote them: start over next time; only those are left to do.
    Object.assign(cp, { phase: phases[0]?.name ?? null, cursor: null, skipped: 0 });
    await ctx.checkpoints.save(job, cp);
    return 'retry';
  }
  cp.done = true;
  cp.phase = null;
  if (opts.finish) await opts.finish(cp);
  else await ctx.checkpoints.save(job, cp);
  return 'done';
}

/**
 * The common shape of a job: the elections due now, each run from its checkpoint until the budget is
 * spent. `scopeOf` names the work of a due election: the election and the instant the work is for
 * (the window's close, the mandates' end ...), so that an election whose calendar is changed after
 * the work was done gets it done again for the new date, while re-runs for the same date change nothing.
 */
export async function runJob(opts: {
  job: string;
  ctx: JobContext;
  due: (e: Election) => boolean;
  scopeOf: (e: Election) => string;
  plan: (
    e: Election,
    scope: string,
  ) => { phases: readonly Phase[]; finish?: (checkpoint: Checkpoint) => Promise<void> };
}): Promise<JobResult> {
  const { job, ctx } = opts;
  const budget = new Budget(ctx.deadline);
  const checkpoints = await ctx.checkpoints.all(job);
  const result: JobResult = { job, done: true, changed: 0, scopes: [] };
  for (const e of await allElections()) {
    if (!opts.due(e)) continue;
    const scope = opts.scopeOf(e);
    const existing = checkpoints.get(scope);
    if (existing?.done) continue;
    if (budget.spent()) {
      result.done = false;
      return result;
    }
    const cp = existing ?? freshCheckpoint(scope, null, ctx.now);
    const before = cp.count;
    const { phases, finish } = opts.plan(e, scope);
    const state = await runScope({ job, ctx, budget, checkpoint: cp, phases, finish });
    result.changed += cp.count - before;
    result.scopes.push({
      scope,
      electionId: e.id,
      phase: cp.phase,
      count: cp.count,
      skipped: cp.skipped,
      done: state === 'done',
    });
    if (state !== 'done') result.done = false;
    if (state === 'paused') return result;
  }
  return result;
}

export function pageSizeOf(ctx: JobContext): number {
  return ctx.pageSize ?? DEFAULT_PAGE_SIZE;
}

export interface PeoplePage {
  people: Person[];
  nextCursor: string | null;
}

/**
 * Pages of the people of one election in one status (the status index, gsi1), reading the next page
 * while the caller writes the current one: the next page lies after the cursor, so nothing the caller
 * writes can change it, and the Query's time is hidden behind the transactions.
 */
export function peopleByStatusPages(electionId: string, status: PersonStatus, limit: number) {
  const fetch = async (cursor: string | null): Promise<PeoplePage> => {
    const page = await queryPage({
      index: 'gsi1',
      partition: indexPartitions.peopleByStatus(electionId, status),
      limit,
      cursor: cursor ?? undefined,
    });
    return { people: page.items.map(personFromItem), nextCursor: page.nextCursor };
  };
  let ahead: { cursor: string; page: Promise<PeoplePage> } | null = null;
  return async (cursor: string | null): Promise<PeoplePage> => {
    const page = ahead && ahead.cursor === cursor ? await ahead.page : await fetch(cursor);
    ahead = page.nextCursor ? { cursor: page.nextCursor, page: fetch(page.nextCursor) } : null;
    // A read-ahead nobody waits for must not become an unhandled rejection; a later call re-reads.
    ahead?.page.catch(() => {
      ahead = null;
    });
    return page;
  };
}
