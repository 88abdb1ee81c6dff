/**
 * Organizations: the sending bodies (1.3, 3.9) and the non-profits that propose whom to invite (2.3).
 * Created and changed by `cec-admin`; their contact email is personal-ish data, read by staff only.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConcurrencyError, NotFoundError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { Organization, OrganizationInput } from '#schemas/organization';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { auditPut, diff } from './audit';
import { indexKeys, indexPartitions, keys } from './keys';
import { type Page, queryPage } from './paging';
import { ConditionFailedError, transact } from './transact';

export const ORGANIZATION_ENTITY = 'organization';
const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion|ttl)$/;

export function organizationFromItem(item: Record<string, unknown>): Organization {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as Organization;
}

function toItem(o: Organization): Record<string, unknown> {
  return {
    ...keys.organization(o.id),
    ...indexKeys.organization(o),
    entity: ORGANIZATION_ENTITY,
    schemaVersion: 1,
    ...o,
  };
}

export async function findOrganization(id: string): Promise<Organization | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: config().tableName, Key: keys.organization(id) }));
  return out.Item ? organizationFromItem(out.Item) : undefined;
}

export async function getOrganization(id: string): Promise<Organization> {
  const o = await findOrganization(id);
  if (!o) throw new NotFoundError('organization', id);
  return o;
}

/** Many organizations by id (react-admin's getMany; names beside lists); missing ids are left out. */
export async function getOrganizations(ids: readonly string[]): Promise<Organization[]> {
  const tableName = config().tableName;
  const unique = [...new Set(ids)];
  const result: Organization[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = unique
      .slice(i, i + 100)
      .map((id) => ({ ...keys.organization(id) }));
    for (let attempt = 0; request && request.length > 0; attempt++) {
      const out = await ddb.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: request } } }));
      result.push(...(out.Responses?.[tableName] ?? []).map(organizationFromItem));
      request = out.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
      if (request?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return result;
}

/** Organizations in name order (the index sorts by the original name, upper-cased). */
export async function listOrganizations(opts: { limit: number; cursor?: string }): Promise<Page<Organization>> {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.organizations(),
    limit: opts.limit,
    cursor: opts.cursor,
  });
  return { ...page, items: page.items.map(organizationFromItem) };
}

export async function createOrganization(input: OrganizationInput, actor: Actor, now: Date): Promise<Organization> {
  const at = now.toISOString();
  const org: Organization = { id: ulid(now.getTime()), ...input, createdAt: at, updatedAt: at, version: 1 };
  await transact([
    { Put: { TableName: config().tableName, Item: toItem(org), ConditionExpression: 'attribute_not_exists(pk)' } },
    auditPut({
      at: now,
      actor,
      entityType: ORGANIZATION_ENTITY,
      entityId: org.id,
      action: 'create',
      changes: diff(null, org),
    }),
  ]);
  return org;
}

/** Optimistic concurrency: the write is conditional on the version the caller read. */
export async function updateOrganization(
  id: string,
  patch: Partial<OrganizationInput> & { version: number },
  actor: Actor,
  now: Date,
): Promise<Organization> {
  const current = await getOrganization(id);
  if (current.version !== patch.version) throw new ConcurrencyError();
  const { version: _read, ...changes } = patch;
  const next: Organization = {
    ...current,
    ...changes,
    name: { ...current.name, ...(changes.name ?? {}) },
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
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
        entityType: ORGANIZATION_ENTITY,
        entityId: id,
        action: 'update',
        changes: diff(current, next),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return next;
}
