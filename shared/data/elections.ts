/** Elections: created and changed by `cec-admin`, read by everyone. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { checkElectionDates, deriveCalendar, phaseOf } from '#domain/calendar';
import { ConcurrencyError, NotFoundError, ValidationError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { Election, ElectionInput, ElectionPatch, ElectionView } from '#schemas/election';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
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

function fromItem(item: Record<string, unknown>): Election {
  return Object.fromEntries(FIELDS.map((f) => [f, item[f] ?? null])) as unknown as Election;
}

function toItem(e: Election): Record<string, unknown> {
  return { ...keys.election(e.id), ...indexKeys.election(e), entity: 'election', schemaVersion: 1, ...e };
}

export function viewOf(e: Election, now: Date): ElectionView {
  return { ...e, calendar: deriveCalendar(e), phase: phaseOf(e, now) };
}

export async function getElection(id: string): Promise<Election> {
  const e = await findElection(id);
  if (!e) throw new NotFoundError('election', id);
  return e;
}

/** The election, or undefined when there is none with this id. */
export async function findElection(id: string): Promise<Election | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: config().tableName, Key: keys.election(id) }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** Elections in voting-day order, newest first by default. */
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
  return { ...page, items: page.items.map(fromItem) };
}

export async function createElection(input: ElectionInput, actor: Actor, now: Date): Promise<Election> {
  const at = now.toISOString();
  const election: Election = { id: ulid(now.getTime()), ...input, createdAt: at, updatedAt: at, version: 1 };
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
  return election;
}

/** Optimistic concurrency: the write is conditional on the version the caller read. */
export async function updateElection(id: string, patch: ElectionPatch, actor: Actor, now: Date): Promise<Election> {
  const current = await getElection(id);
  if (current.version !== patch.version) throw new ConcurrencyError();
  const { version: _read, ...changes } = patch;
  const next: Election = { ...current, ...changes, updatedAt: now.toISOString(), version: current.version + 1 };
  const issues = checkElectionDates(next);
  if (issues.length > 0) throw new ValidationError(issues);
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
  return next;
}
