/**
 * Applications (3.1): an organization's submission for one election, sent directly to the CEC or
 * through the MFA (3.2). The application holds the letter's state and the count of its people; the
 * people themselves are person items (persons.ts) that name the application.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '#domain/errors';
import type { Application, MfaStatus } from '#schemas/application';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { indexKeys, indexPartitions, keys } from './keys';
import { type Page, queryPage } from './paging';
import type { TransactItem } from './transact';

export const APPLICATION_ENTITY = 'application';
const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

/** The stored application: the schema's fields plus the sending organization's country (for counters). */
export type ApplicationRecord = Application & { organizationCountry: string };

export function applicationFromItem(item: Record<string, unknown>): ApplicationRecord {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as ApplicationRecord;
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
 * Adds `delta` people to a draft application (or removes them), bumping its version so that a submit
 * that read the older list fails on its condition and looks again. Adding is refused at `cap`.
 */
export function applicationCountUpdate(applicationId: string, delta: 1 | -1, cap: number, now: Date): TransactItem {
  return {
    Update: {
      TableName: config().tableName,
      Key: keys.application(applicationId),
      UpdateExpression: 'ADD personCount :d, version :one SET updatedAt = :now',
      ConditionExpression:
        delta > 0 ? '#status = :draft AND personCount < :cap' : '#status = :draft AND personCount > :zero',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':d': delta,
        ':one': 1,
        ':now': now.toISOString(),
        ':draft': 'draft',
        ...(delta > 0 ? { ':cap': cap } : { ':zero': 0 }),
      },
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
