/**
 * Representatives (people) of an election: the core repository shared by intake, decisions and the
 * jobs. A status change is one transaction: the person (conditional on the status and version read),
 * the counters, the audit entry, and whatever the caller adds (outbox mail, certificate, resolution item).
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError, NotFoundError } from '#domain/errors';
import { EVENT_CLAUSE, type PersonEvent, nextStatus } from '#domain/lifecycle';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { auditPut, diff } from './audit';
import { type CounterScope, counterMoves } from './counters';
import { indexKeys, indexPartitions, keys } from './keys';
import { queryAll } from './paging';
import { INDEXES, INDEX_NAMES, PK, SK } from './table';
import { ConditionFailedError, type TransactItem, batchPut, transact } from './transact';

export const PERSON_ENTITY = 'person';

export function personItem(p: Person): Record<string, unknown> {
  // Object.assign rather than spreads: the same item, several times cheaper for a record of this many
  // fields (bulk status changes build thousands of them per run).
  return Object.assign({}, keys.person(p.id), indexKeys.person(p), { entity: PERSON_ENTITY, schemaVersion: 1 }, p);
}

/** The item's attributes that are keys or bookkeeping, not the person's fields. */
const NON_FIELDS = new Set([
  PK,
  SK,
  ...INDEX_NAMES.flatMap((ix) => [INDEXES[ix].pk, INDEXES[ix].sk]),
  'entity',
  'schemaVersion',
]);

export function personFromItem(item: Record<string, unknown>): Person {
  // A loop over the keys rather than entries, filter and fromEntries: reads of thousands of people
  // (the grid, bulk status changes) build one object each instead of three arrays and the object.
  const p: Record<string, unknown> = {};
  for (const k in item) if (!NON_FIELDS.has(k)) p[k] = item[k];
  // People of applications stored before numbers were given have none (3.1).
  p.applicationNumber ??= null;
  return p as unknown as Person;
}

export function scopeOf(p: Pick<Person, 'electionId' | 'organizationId' | 'organizationCountry'>): CounterScope {
  return { electionId: p.electionId, organizationId: p.organizationId, organizationCountry: p.organizationCountry };
}

export async function findPerson(id: string): Promise<Person | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.person(id), ConsistentRead: true }),
  );
  return out.Item ? personFromItem(out.Item) : undefined;
}

export async function getPerson(id: string): Promise<Person> {
  const p = await findPerson(id);
  if (!p) throw new NotFoundError('representative', id);
  return p;
}

/**
 * Many people by id (100 per BatchGetItem, `concurrency` requests in flight), in no particular order;
 * missing ids are left out.
 */
export async function getPeople(ids: readonly string[], concurrency = 4): Promise<Person[]> {
  const tableName = config().tableName;
  const result: Person[] = [];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < ids.length; i += 100) batches.push(ids.slice(i, i + 100).map((id) => ({ ...keys.person(id) })));
  let next = 0;
  async function worker() {
    for (let b = next++; b < batches.length; b = next++) {
      let request: Record<string, unknown>[] | undefined = batches[b];
      for (let attempt = 0; request && request.length > 0; attempt++) {
        const out = await ddb.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: request, ConsistentRead: true } } }),
        );
        result.push(...(out.Responses?.[tableName] ?? []).map(personFromItem));
        request = out.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
        if (request?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return result;
}

/** A new person: Put that fails if the id exists. Counters and audit are the caller's (see `addPerson`). */
export function personCreatePut(p: Person): TransactItem {
  return {
    Put: { TableName: config().tableName, Item: personItem(p), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/**
 * The write of a changed person, conditional on the status and version the caller read: two reviewers
 * deciding the same person race on this condition and exactly one wins (design principle 5).
 */
export function personReplacePut(before: Person, after: Person): TransactItem {
  return {
    Put: {
      TableName: config().tableName,
      Item: personItem(after),
      ConditionExpression: '#status = :status AND #version = :version',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: { ':status': before.status, ':version': before.version },
    },
  };
}

/** The person after `event` (pure): next status by the transition table, version + 1. */
export function applyEvent(p: Person, event: PersonEvent, changes: Partial<Person>, now: Date): Person {
  return {
    ...p,
    ...changes,
    status: nextStatus(p.status, event),
    version: p.version + 1,
    updatedAt: now.toISOString(),
  };
}

export async function addPerson(p: Person, actor: Actor, now: Date, extra: TransactItem[] = []): Promise<void> {
  await transact([
    personCreatePut(p),
    ...counterMoves(scopeOf(p), null, p.status),
    auditPut({
      at: now,
      actor,
      entityType: 'person',
      entityId: p.id,
      action: 'create',
      clause: '3.1',
      changes: diff(null, p),
    }),
    ...extra,
  ]);
}

/**
 * Changes a person's fields without a status change (edits, notes, flags), conditional on the version.
 * A stale version is a ConcurrencyError (HTTP 409).
 */
export async function updatePerson(
  before: Person,
  changes: Partial<Person>,
  actor: Actor,
  now: Date,
  opts: { action?: string; clause?: string | null; extra?: TransactItem[] } = {},
): Promise<Person> {
  const after: Person = { ...before, ...changes, version: before.version + 1, updatedAt: now.toISOString() };
  try {
    await transact([
      personReplacePut(before, after),
      auditPut({
        at: now,
        actor,
        entityType: 'person',
        entityId: before.id,
        action: opts.action ?? 'update',
        clause: opts.clause ?? null,
        changes: diff(before, after),
      }),
      ...(opts.extra ?? []),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError && err.failedIndexes.includes(0)) throw new ConcurrencyError();
    throw err;
  }
  return after;
}

/**
 * One person's status change as one transaction: person, counters, audit, and `extra` (outbox, ...).
 * Throws IllegalTransitionError when the table forbids it, ConcurrencyError when the person changed.
 */
export async function transitionPerson(
  before: Person,
  event: PersonEvent,
  actor: Actor,
  now: Date,
  opts: { changes?: Partial<Person>; detail?: Record<string, unknown>; extra?: TransactItem[] } = {},
): Promise<Person> {
  const after = applyEvent(before, event, opts.changes ?? {}, now);
  try {
    await transact([
      personReplacePut(before, after),
      ...counterMoves(scopeOf(before), before.status, after.status),
      auditPut({
        at: now,
        actor,
        entityType: 'person',
        entityId: before.id,
        action: event,
        clause: EVENT_CLAUSE[event],
        changes: diff(before, after),
        detail: opts.detail ?? null,
      }),
      ...(opts.extra ?? []),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError && err.failedIndexes.includes(0)) throw new ConcurrencyError();
    throw err;
  }
  return after;
}

/** Every nomination of one passport + citizenship, across elections (duplicates; earlier revocations, 3.9). */
export async function nominationsOfPassport(citizenship: string, passportNumber: string): Promise<Person[]> {
  const people: Person[] = [];
  for await (const items of queryAll({
    index: 'gsi4',
    partition: indexPartitions.peopleByPassport(citizenship, passportNumber),
  })) {
    people.push(...items.map(personFromItem));
  }
  return people;
}

/** The people of one application: the organization's people in the election, filtered by application. */
export async function peopleOfApplication(electionId: string, organizationId: string, applicationId: string) {
  const people: Person[] = [];
  for await (const items of queryAll({
    index: 'gsi2',
    partition: indexPartitions.peopleByOrganization(electionId, organizationId),
    filter: { expression: '#app = :app', names: { '#app': 'applicationId' }, values: { ':app': applicationId } },
  })) {
    people.push(...items.map(personFromItem));
  }
  return people;
}

/**
 * Bulk load of people with BatchWriteItem (imports, demo data, benchmarks). Not transactional: the
 * caller keeps the counters exact with one `counterMoves(scope, null, status, n)` per scope.
 */
export async function putPeopleBatch(people: readonly Person[]): Promise<void> {
  await batchPut(people.map(personItem));
}
