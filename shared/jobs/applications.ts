/**
 * What the jobs do to applications: lock them when the window closes (3.6), and page through an
 * election's applications. Applications belong to intake; the jobs touch only `status` (and the
 * letter's state when documents are purged), through conditional updates with an audit entry.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut } from '#data/audit';
import { indexPartitions, keys } from '#data/keys';
import { type Page, queryPage } from '#data/paging';
import { ConditionFailedError, transact } from '#data/transact';
import type { Actor } from '#schemas/audit';
import type { Application } from '#schemas/application';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';

const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion|ttl)$/;

export function applicationFromItem(item: Record<string, unknown>): Application {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as Application;
}

export async function applicationsPage(electionId: string, limit: number, cursor: string | null) {
  const page: Page = await queryPage({
    index: 'gsi1',
    partition: indexPartitions.applicationsOfElection(electionId),
    limit,
    cursor: cursor ?? undefined,
  });
  return { items: page.items.map(applicationFromItem), nextCursor: page.nextCursor };
}

async function freshApplication(id: string): Promise<Application | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.application(id), ConsistentRead: true }),
  );
  return out.Item ? applicationFromItem(out.Item) : undefined;
}

/**
 * 3.6: once the window has closed, an application takes no more changes. The update is conditional
 * on the status and version read; if the application changed meanwhile it is read again and locked
 * from what it is now. Returns whether this call locked it (false: it already was, or kept changing).
 */
export async function lockApplication(
  app: Application,
  actor: Actor,
  now: Date,
  detail: Record<string, unknown>,
): Promise<'locked' | 'already' | 'skipped'> {
  let current: Application | undefined = app;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    if (current.status === 'locked') return 'already';
    try {
      await transact([
        {
          Update: {
            TableName: config().tableName,
            Key: keys.application(current.id),
            UpdateExpression: 'SET #status = :locked, #updatedAt = :now, #version = :next',
            ConditionExpression: '#status = :from AND #version = :version',
            ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#version': 'version' },
            ExpressionAttributeValues: {
              ':locked': 'locked',
              ':from': current.status,
              ':now': now.toISOString(),
              ':version': current.version,
              ':next': current.version + 1,
            },
          },
        },
        auditPut({
          at: now,
          actor,
          entityType: 'application',
          entityId: current.id,
          action: 'lock',
          clause: '3.6',
          changes: { status: { from: current.status, to: 'locked' } },
          detail,
        }),
      ]);
      return 'locked';
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
      current = await freshApplication(current.id);
    }
  }
  return current ? 'skipped' : 'already';
}
