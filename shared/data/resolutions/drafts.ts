/**
 * Resolutions of the CEC (3.3): the drafts themselves and their numbers. A draft is freely editable:
 * that is the undo. Numbers are unique per election (a guard item per normalised number). Items and
 * the composition counts are in ./items.ts, the adoption's state machine in ./adoption.ts.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { auditPut, diff } from '#data/audit';
import { indexKeys, indexPartitions, keys } from '#data/keys';
import { type Page, queryPage } from '#data/paging';
import { ConditionFailedError, type TransactItem, transact } from '#data/transact';
import { ConcurrencyError, NotFoundError, RuleViolationError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { Resolution, ResolutionInput, ResolutionPatch, ResolutionStatus } from '#schemas/resolution';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';

export const RESOLUTION_ENTITY = 'resolution';

const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;
/** A stored record without its keys and bookkeeping attributes. */
export const withoutKeys = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as T;

export const table = () => config().tableName;

/** Numbers are compared without case and spacing differences: `123/4` and ` 123/4 ` are one number. */
export function normaliseNumber(n: string): string {
  return n.trim().replace(/\s+/g, ' ').toUpperCase();
}

export function resolutionRecord(r: Resolution): Record<string, unknown> {
  return { ...keys.resolution(r.id), ...indexKeys.resolution(r), entity: RESOLUTION_ENTITY, schemaVersion: 1, ...r };
}

export const resolutionFromItem = (item: Record<string, unknown>) => withoutKeys<Resolution>(item);

export async function findResolution(id: string): Promise<Resolution | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: table(), Key: keys.resolution(id), ConsistentRead: true }));
  return out.Item ? resolutionFromItem(out.Item) : undefined;
}

export async function getResolution(id: string): Promise<Resolution> {
  const r = await findResolution(id);
  if (!r) throw new NotFoundError('resolution', id);
  return r;
}

function numberGuardPut(electionId: string, number: string, resolutionId: string): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...keys.resolutionNumberGuard(electionId, normaliseNumber(number)),
        entity: 'resolution-number',
        resolutionId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function numberGuardDelete(electionId: string, number: string, resolutionId: string): TransactItem {
  return {
    Delete: {
      TableName: table(),
      Key: keys.resolutionNumberGuard(electionId, normaliseNumber(number)),
      ConditionExpression: 'resolutionId = :id',
      ExpressionAttributeValues: { ':id': resolutionId },
    },
  };
}

const numberTaken = (number: string) =>
  new RuleViolationError(
    `a resolution numbered ${number} already exists in this election; numbers are unique per election (3.3)`,
    'RESOLUTION_NUMBER_TAKEN',
    '3.3',
  );

export async function createResolution(
  electionId: string,
  input: ResolutionInput,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  const at = now.toISOString();
  const r: Resolution = {
    id: ulid(now.getTime()),
    electionId,
    number: input.number.trim(),
    adoptedOn: input.adoptedOn,
    title: input.title ?? null,
    kind: input.kind,
    status: 'draft',
    itemCount: 0,
    counts: { accredit: 0, refuse: 0, revoke: 0 },
    itemsRevision: 0,
    adoption: null,
    outcome: null,
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  try {
    await transact([
      { Put: { TableName: table(), Item: resolutionRecord(r), ConditionExpression: 'attribute_not_exists(pk)' } },
      numberGuardPut(electionId, r.number, r.id),
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'create',
        clause: r.kind === 'revocation' ? '4.7' : '3.3',
        changes: diff(null, r),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError && err.failedIndexes.includes(1)) throw numberTaken(r.number);
    throw err;
  }
  return r;
}

export async function listResolutions(
  electionId: string,
  opts: { limit: number; cursor?: string; status?: ResolutionStatus; kind?: Resolution['kind'] },
): Promise<Page<Resolution>> {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (opts.status) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = opts.status;
  }
  if (opts.kind) {
    conditions.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = opts.kind;
  }
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.resolutionsOfElection(electionId),
    limit: opts.limit,
    cursor: opts.cursor,
    descending: true,
    filter: conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined,
  });
  return { ...page, items: page.items.map(resolutionFromItem) };
}

export function mustBeDraft(r: Resolution): void {
  if (r.status !== 'draft') {
    throw new RuleViolationError(
      `resolution ${r.number} is ${r.status}: only a draft can be changed (3.3)`,
      'RESOLUTION_NOT_DRAFT',
      '3.3',
    );
  }
}

/** Number, date and title of a draft, with the version read; a new number takes the new guard. */
export async function updateResolution(
  id: string,
  patch: ResolutionPatch,
  actor: Actor,
  now: Date,
  check?: (next: Resolution) => void,
): Promise<Resolution> {
  const current = await getResolution(id);
  mustBeDraft(current);
  if (current.version !== patch.version) throw new ConcurrencyError();
  const next: Resolution = {
    ...current,
    number: patch.number?.trim() ?? current.number,
    adoptedOn: patch.adoptedOn ?? current.adoptedOn,
    title: patch.title === undefined ? current.title : patch.title,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  check?.(next);
  const renumbered = normaliseNumber(next.number) !== normaliseNumber(current.number);
  const actions: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: resolutionRecord(next),
        ConditionExpression: '#v = :v AND #status = :draft',
        ExpressionAttributeNames: { '#v': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':v': current.version, ':draft': 'draft' },
      },
    },
    auditPut({
      at: now,
      actor,
      entityType: 'resolution',
      entityId: id,
      action: 'update',
      clause: '3.3',
      changes: diff(current, next),
    }),
  ];
  if (renumbered) {
    actions.push(numberGuardPut(current.electionId, next.number, id));
    actions.push(numberGuardDelete(current.electionId, current.number, id));
  }
  try {
    await transact(actions);
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      if (err.failedIndexes.includes(2)) throw numberTaken(next.number);
      throw new ConcurrencyError();
    }
    throw err;
  }
  return next;
}

/** Throws away a draft: its number is free again; its items stay, for the record. */
export async function discardResolution(id: string, actor: Actor, now: Date): Promise<Resolution> {
  const current = await getResolution(id);
  mustBeDraft(current);
  const next: Resolution = {
    ...current,
    status: 'discarded',
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  try {
    await transact([
      {
        Put: {
          TableName: table(),
          Item: resolutionRecord(next),
          ConditionExpression: '#v = :v AND #status = :draft',
          ExpressionAttributeNames: { '#v': 'version', '#status': 'status' },
          ExpressionAttributeValues: { ':v': current.version, ':draft': 'draft' },
        },
      },
      numberGuardDelete(current.electionId, current.number, id),
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: id,
        action: 'discard',
        clause: '3.3',
        changes: diff(current, next),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return next;
}

/** Many resolutions by id (the person view names the resolutions it lists). */
export async function getResolutions(ids: readonly string[]): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const resp = await ddb.send(
      new BatchGetCommand({
        RequestItems: { [table()]: { Keys: unique.slice(i, i + 100).map((id) => ({ ...keys.resolution(id) })) } },
      }),
    );
    for (const raw of resp.Responses?.[table()] ?? []) {
      const r = resolutionFromItem(raw);
      out.set(r.id, r);
    }
  }
  return out;
}
