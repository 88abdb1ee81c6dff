/**
 * Applications (3.1): an organization's submission for one election, sent directly to the CEC or
 * through the MFA (3.2). The application holds the letter's state and the count of its people; the
 * people themselves are person items (persons.ts) that name the application.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '#domain/errors';
import type { Application, MfaStatus } from '#schemas/application';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { indexKeys, indexPartitions, keys } from './keys';
import { type Page, queryPage } from './paging';
import type { TransactItem } from './transact';

export const APPLICATION_ENTITY = 'application';
const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

/**
 * The stored application: the schema's fields, the sending organization's country (for counters), and
 * its members: person id → the passport index partition of that person. The map is written in the same
 * transaction as each person added, changed or deleted, so a strongly consistent read of the
 * application says exactly who is on the list, without waiting for an index to catch up.
 */
export type ApplicationRecord = Application & { organizationCountry: string; members?: Record<string, string> };

/** The application as the API shows it: without the internal members map. */
export function applicationOut(a: ApplicationRecord): Omit<ApplicationRecord, 'members'> {
  const { members: _m, ...rest } = a;
  return rest;
}

export function applicationFromItem(item: Record<string, unknown>): ApplicationRecord {
  const a = Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as ApplicationRecord;
  // Applications stored before numbers were given have none (3.1).
  return { ...a, number: a.number ?? null };
}

export function applicationItem(a: ApplicationRecord): Record<string, unknown> {
  return { ...keys.application(a.id), ...indexKeys.application(a), entity: APPLICATION_ENTITY, schemaVersion: 1, ...a };
}

export async function findApplication(id: string): Promise<ApplicationRecord | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.application(id), ConsistentRead: true }),
  );
  return out.Item ? applicationFromItem(out.Item) : undefined;
}

export async function getApplication(id: string): Promise<ApplicationRecord> {
  const a = await findApplication(id);
  if (!a) throw new NotFoundError('application', id);
  return a;
}

async function page(
  index: 'gsi1' | 'gsi2' | 'gsi3',
  partition: string,
  opts: { limit: number; cursor?: string; descending?: boolean },
): Promise<Page<ApplicationRecord>> {
  const p = await queryPage<Record<string, unknown>>({ index, partition, ...opts });
  return { ...p, items: p.items.map(applicationFromItem) };
}

/** An election's applications, newest first. */
export function listApplicationsOfElection(electionId: string, opts: { limit: number; cursor?: string }) {
  return page('gsi1', indexPartitions.applicationsOfElection(electionId), { ...opts, descending: true });
}

/** One organization's applications in one election, newest first. */
export function listApplicationsOfOrganization(
  electionId: string,
  organizationId: string,
  opts: { limit: number; cursor?: string },
) {
  return page('gsi2', indexPartitions.applicationsOfOrganization(electionId, organizationId), {
    ...opts,
    descending: true,
  });
}

/** 3.2: the MFA queue, oldest submission first (first come, first checked). */
export function listMfaQueue(status: MfaStatus, opts: { limit: number; cursor?: string }) {
  return page('gsi3', indexPartitions.mfaQueue(status), opts);
}

export function applicationCreatePut(a: ApplicationRecord): TransactItem {
  return {
    Put: { TableName: config().tableName, Item: applicationItem(a), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** The write of a changed application, conditional on the version read (indexes follow the new state). */
export function applicationReplacePut(before: ApplicationRecord, after: ApplicationRecord): TransactItem {
  return {
    Put: {
      TableName: config().tableName,
      Item: applicationItem(after),
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': before.version },
    },
  };
}

/**
 * Gives an application stored without a members map (older records, demo data) an empty one, so that
 * member updates have a map to write into. Such an application's map stays short of its count, and
 * the submit then reads the list from the index instead (see shared/intake/submit.ts).
 */
export async function ensureMembersMap(a: ApplicationRecord): Promise<void> {
  if (a.members) return;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: keys.application(a.id),
        UpdateExpression: 'SET members = :empty',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(members)',
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/** Whether the members map names every person of the application (then the submit trusts it). */
export function membersComplete(a: ApplicationRecord): boolean {
  return !!a.members && Object.keys(a.members).length === a.personCount;
}

export type MemberChange =
  | { kind: 'add'; personId: string; passport: string }
  | { kind: 'set'; personId: string; passport: string }
  | { kind: 'remove'; personId: string };

/**
 * A change to a draft application's list, in the transaction of the person it concerns: the members
 * map and the count, and a new version, so that a submit that read the older list fails on its
 * condition and looks again. Adding is refused at `cap`; every change only while the draft is open.
 */
export function applicationMemberUpdate(
  applicationId: string,
  change: MemberChange,
  cap: number,
  now: Date,
): TransactItem {
  const names: Record<string, string> = { '#status': 'status', '#pid': change.personId };
  const values: Record<string, unknown> = { ':one': 1, ':now': now.toISOString(), ':draft': 'draft' };
  let update: string;
  let condition = '#status = :draft';
  if (change.kind === 'remove') {
    update = 'REMOVE members.#pid ADD personCount :minus, version :one SET updatedAt = :now';
    values[':minus'] = -1;
  } else {
    values[':passport'] = change.passport;
    update =
      change.kind === 'add'
        ? 'SET members.#pid = :passport, updatedAt = :now ADD personCount :one, version :one'
        : 'SET members.#pid = :passport, updatedAt = :now ADD version :one';
    if (change.kind === 'add') {
      condition += ' AND personCount < :cap';
      values[':cap'] = cap;
    }
  }
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.application(applicationId),
      UpdateExpression: update,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** A guard that the application is still a draft, for writes to its people. */
export function applicationDraftCheck(applicationId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: config().tableName,
      Key: keys.application(applicationId),
      ConditionExpression: '#status = :draft',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':draft': 'draft' },
    },
  };
}

/** Sets the letter's state (from the upload check), bumping the version; only while the draft is open. */
export function applicationLetterUpdate(applicationId: string, state: string, now: Date): TransactItem {
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.application(applicationId),
      UpdateExpression: 'SET letter = :s, updatedAt = :now ADD version :one',
      ConditionExpression: '#status = :draft',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':s': state, ':now': now.toISOString(), ':one': 1, ':draft': 'draft' },
    },
  };
}
