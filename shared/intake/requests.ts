/**
 * What an organization may still ask about a representative once the list is in: withdraw them before
 * the CEC decides, or ask in writing for a revocation after accreditation (4.7 b). The CEC then
 * revokes by resolution; the request itself changes no status.
 */
import { ulid } from 'ulid';
import { RuleViolationError } from '#domain/errors';
import { canApply } from '#domain/lifecycle';
import { auditPut } from '#data/audit';
import { indexKeys, indexPartitions, keys } from '#data/keys';
import { type Page, queryPage } from '#data/paging';
import { transitionPerson } from '#data/persons';
import { transact } from '#data/transact';
import { config } from '#runtime/config';
import type { Actor } from '#schemas/audit';
import type { RevocationRequest } from '#schemas/intake';
import type { Person } from '#schemas/person';
import { refreshDuplicateFlags } from './applications';
import { type PortalContext, ownPerson } from './scope';

export async function withdrawRepresentative(
  ctx: PortalContext,
  personId: string,
  actor: Actor,
  now: Date,
): Promise<Person> {
  const before = await ownPerson(ctx, personId);
  if (!canApply(before.status, 'withdraw')) {
    throw new RuleViolationError(
      before.status === 'accredited'
        ? `representative ${personId} is already accredited: ask in writing for a revocation instead (4.7 b)`
        : `representative ${personId} is ${before.status}: only a representative not yet decided can be withdrawn (3.1)`,
      'NOT_WITHDRAWABLE',
      before.status === 'accredited' ? '4.7' : '3.1',
    );
  }
  const after = await transitionPerson(before, 'withdraw', actor, now, { detail: { by: 'organization' } });
  await refreshDuplicateFlags(after.electionId, [after], now);
  return after;
}

const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

/** 4.7 b: the organization's written request to revoke an accredited observer, kept for the CEC's staff. */
export async function requestRevocation(
  ctx: PortalContext,
  personId: string,
  text: string,
  actor: Actor,
  now: Date,
): Promise<RevocationRequest> {
  const person = await ownPerson(ctx, personId);
  if (person.status !== 'accredited') {
    throw new RuleViolationError(
      `representative ${personId} is ${person.status}: a revocation can be asked only for an accredited observer (4.7 b)`,
      'NOT_ACCREDITED',
      '4.7',
    );
  }
  const at = now.toISOString();
  const request: RevocationRequest = {
    id: ulid(now.getTime()),
    electionId: person.electionId,
    organizationId: person.organizationId,
    applicationId: person.applicationId,
    personId,
    text,
    status: 'received',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await transact([
    {
      Put: {
        TableName: config().tableName,
        Item: {
          ...keys.revocationRequest(personId, request.id),
          ...indexKeys.revocationRequest(request),
          entity: 'revocation-request',
          schemaVersion: 1,
          ...request,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut({
      at: now,
      actor,
      entityType: 'person',
      entityId: personId,
      action: 'revocation-requested',
      clause: '4.7 b',
      detail: { requestId: request.id, text },
    }),
  ]);
  return request;
}

/** Requests of an election, newest first, for the CEC's staff. */
export async function listRevocationRequests(
  electionId: string,
  opts: { limit: number; cursor?: string },
): Promise<Page<RevocationRequest>> {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.revocationRequestsOfElection(electionId),
    limit: opts.limit,
    cursor: opts.cursor,
    descending: true,
  });
  return {
    ...page,
    items: page.items.map(
      (item) => Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as RevocationRequest,
    ),
  };
}
