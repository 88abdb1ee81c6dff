/** Elections: created and changed by `cec-admin`, read by everyone. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { checkCalledBy, checkElectionDates, deriveCalendar, phaseOf } from '#domain/calendar';
import { ConcurrencyError, NotFoundError, ValidationError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { FieldIssue } from '#domain/errors';
import {
  type Election,
  type ElectionInput,
  type ElectionPatch,
  type ElectionView,
  election as electionSchema,
  electionView as electionViewSchema,
} from '#schemas/election';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { logger } from '#runtime/logger';
import { auditPut, diff } from './audit';
import { indexKeys, indexPartitions, keys } from './keys';
import { type Page, queryPage } from './paging';
import { ConditionFailedError, transact } from './transact';

const FIELDS = [
  'id',
  'kind',
  'name',
  'calledOn',
  'votingDay',
  'windowOffsetDays',
  'resultsPublishedOn',
  'repeatVoting',
  'createdAt',
  'updatedAt',
  'version',
] as const;

/**
 * A stored election that cannot be read back (a date out of range, a field missing): the one record is
 * reported, never the whole list. Reading it on its own is a server fault (HTTP 500, logged).
 */
export class UnreadableElectionError extends Error {
  override name = 'UnreadableElectionError';
  constructor(readonly electionId: string) {
    super(`the stored election ${electionId} cannot be read`);
  }
}

/** Reads a stored item with the same schema the API answers with; `undefined` when it does not fit. */
export function electionFromItem(item: Record<string, unknown>): Election | undefined {
  const picked = Object.fromEntries(FIELDS.map((f) => [f, item[f] ?? null]));
  const parsed = electionSchema.safeParse(picked);
  if (parsed.success) return parsed.data;
  logger.warn('unreadable election record left out', {
    electionId: String(item.id ?? item.pk),
    issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  });
  return undefined;
}

function toItem(e: Election): Record<string, unknown> {
  const fields = Object.fromEntries(FIELDS.map((f) => [f, e[f]]));
  return { ...keys.election(e.id), ...indexKeys.election(e), entity: 'election', schemaVersion: 1, ...fields };
}

/** The election with its derived calendar (2.2, 3.6, 3.7) and its phase at `now`. */
export function viewOf(e: Election, now: Date): ElectionView {
  return { ...e, calendar: deriveCalendar(e), phase: phaseOf(e, now) };
}

/**
 * Validates an election about to be written and builds the answer before anything is committed, so a
 * failure here leaves the table untouched (and a 500 after a write cannot happen on this path).
 */
function prepareWrite(next: Election, now: Date, calledOnChanged: boolean): ElectionView {
  const issues: FieldIssue[] = [...checkElectionDates(next), ...(calledOnChanged ? checkCalledBy(next, now) : [])];
  if (issues.length > 0) throw new ValidationError(issues.map((i) => ({ field: `body.${i.field}`, rule: i.rule })));
  const view = electionViewSchema.safeParse(viewOf(next, now));
  if (!view.success) throw new Error(`election ${next.id} does not make a valid view: ${view.error.message}`);
  return view.data;
}

export async function getElection(id: string): Promise<Election> {
  const e = await findElection(id);
  if (!e) throw new NotFoundError('election', id);
  return e;
}

/** The election, or undefined when there is none with this id. */
export async function findElection(id: string): Promise<Election | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: config().tableName, Key: keys.election(id) }));
  if (!out.Item) return undefined;
  const e = electionFromItem(out.Item);
  if (!e) throw new UnreadableElectionError(id);
  return e;
}

/**
 * Elections in voting-day order, newest first by default. A stored record that cannot be read is
 * logged and left out, so one bad record never takes the list (or a job's sweep) down.
 */
export async function listElections(opts: {
  limit: number;
  cursor?: string;
  descending?: boolean;
}): Promise<Page<Election>> {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.elections(),
    limit: opts.limit,
    cursor: opts.cursor,
    descending: opts.descending ?? true,
  });
  return { ...page, items: page.items.map(electionFromItem).filter((e): e is Election => e !== undefined) };
}

/**
 * 2.2, Art. 10.1: an election is recorded once its calling is published (`calledOn` no later than today
 * in Bishkek). Answers the election as the API shows it, built before the write.
 */
export async function createElection(input: ElectionInput, actor: Actor, now: Date): Promise<ElectionView> {
  const at = now.toISOString();
  const election: Election = { id: ulid(now.getTime()), ...input, createdAt: at, updatedAt: at, version: 1 };
  const view = prepareWrite(election, now, true);
  await transact([
    {
      Put: {
        TableName: config().tableName,
        Item: toItem(election),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut({
      at: now,
      actor,
      entityType: 'election',
      entityId: election.id,
      action: 'create',
      changes: diff(null, election),
    }),
  ]);
  return view;
}

/** Optimistic concurrency: the write is conditional on the version the caller read. */
export async function updateElection(id: string, patch: ElectionPatch, actor: Actor, now: Date): Promise<ElectionView> {
  const current = await getElection(id);
  if (current.version !== patch.version) throw new ConcurrencyError();
  const { version: _read, ...changes } = patch;
  const next: Election = { ...current, ...changes, updatedAt: now.toISOString(), version: current.version + 1 };
  // A change of other dates is not refused because the clock has since moved (the twin's can go back).
  const view = prepareWrite(next, now, next.calledOn !== current.calledOn);
  try {
    await transact([
      {
        Put: {
          TableName: config().tableName,
          Item: toItem(next),
          ConditionExpression: 'version = :read',
          ExpressionAttributeValues: { ':read': current.version },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'election',
        entityId: id,
        action: 'update',
        clause: '3.7',
        changes: diff(current, next),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return view;
}
