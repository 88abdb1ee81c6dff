/**
 * Identity documents are kept only as long as needed (design principle 7): a set time after the
 * mandates of an election end (3.7; `DOCUMENT_RETENTION_DAYS`, default 90, counted from 00:00 Bishkek
 * after the mandates' last day) the passport copies, photos and application letters are deleted from
 * the documents bucket, and the rendered certificate PDFs (they carry the photo) from the certificates
 * bucket. The document records stay, marked `purged`; people, decisions, resolutions, certificate
 * records and the audit log stay untouched. Each person and application whose documents go gets one
 * audit entry naming what was deleted (kinds and object keys, never content), and the election one
 * summary entry at the end.
 *
 * Order per election: people (their documents), applications (letters), then a sweep of the
 * election's prefixes, which also takes superseded and abandoned uploads no record points to.
 * Objects are deleted before their records are marked, so a crash in between only repeats a delete.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { auditPut, systemActor } from '#data/audit';
import { indexPartitions, type Key, keys } from '#data/keys';
import { queryPage } from '#data/paging';
import { personFromItem } from '#data/persons';
import { ConditionFailedError, type TransactItem, transact } from '#data/transact';
import { mandateEndsOn, mandateExpiresAt } from '#domain/calendar';
import type { Election } from '#schemas/election';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { applicationsPage } from './applications';
import { type JobContext, type JobResult, type Phase, pageSizeOf, runJob } from './context';
import { deleteObjects, deletePrefix } from './objects';

export const PURGE_DOCUMENTS_JOB = 'purge-documents';

const DAY_MS = 86_400_000;
const PERSON_DOCUMENT_KINDS = ['passport', 'photo'] as const;

/** The instant an election's documents may be purged: the mandates' end plus the retention period. */
export function purgeDueAt(e: Election, retentionDays: number): Date | null {
  const expired = mandateExpiresAt(e);
  return expired ? new Date(expired.getTime() + retentionDays * DAY_MS) : null;
}

interface DocRecord {
  key: Key;
  kind: string;
  state: string;
  objectKeys: string[];
}

/** The document records at `docKeys` that still hold objects, read in batches of 100. */
async function liveDocuments(docKeys: { key: Key; kind: string; owner: string }[]) {
  const tableName = config().tableName;
  const found = new Map<string, DocRecord[]>();
  for (let i = 0; i < docKeys.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = docKeys.slice(i, i + 100).map((d) => ({ ...d.key }));
    for (let attempt = 0; request && request.length > 0; attempt++) {
      const out = await ddb.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: request, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[tableName] ?? []) {
        if (item.state === 'purged') continue;
        const owner = docKeys.find((d) => d.key.pk === item.pk && d.key.sk === item.sk);
        if (!owner) continue;
        const objectKeys = [item.objectKey, item.pendingKey].filter(
          (k): k is string => typeof k === 'string' && k.length > 0,
        );
        const record: DocRecord = {
          key: { pk: String(item.pk), sk: String(item.sk) },
          kind: owner.kind,
          state: String(item.state),
          objectKeys,
        };
        found.set(owner.owner, [...(found.get(owner.owner) ?? []), record]);
      }
      request = out.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
      if (request?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return found;
}

function markPurged(record: DocRecord, now: Date): TransactItem {
  return {
    Update: {
      TableName: config().tableName,
      Key: record.key,
      UpdateExpression: 'SET #state = :purged, #purgedAt = :now, #pendingKey = :null',
      ConditionExpression: 'attribute_exists(pk) AND #state <> :purged',
      ExpressionAttributeNames: { '#state': 'state', '#purgedAt': 'purgedAt', '#pendingKey': 'pendingKey' },
      ExpressionAttributeValues: { ':purged': 'purged', ':now': now.toISOString(), ':null': null },
    },
  };
}

/** Sets the owner's summary of its documents to `purged` and bumps its version (others' edits then 409). */
function markOwner(key: Key, fields: string[], now: Date): TransactItem {
  const names: Record<string, string> = { '#updatedAt': 'updatedAt', '#version': 'version' };
  const sets = fields.map((path, i) => {
    const parts = path.split('.');
    const ref = parts
      .map((p, j) => {
        names[`#f${i}_${j}`] = p;
        return `#f${i}_${j}`;
      })
      .join('.');
    return `${ref} = :purged`;
  });
  return {
    Update: {
      TableName: config().tableName,
      Key: key,
      UpdateExpression: `SET ${[...sets, '#updatedAt = :now'].join(', ')} ADD #version :one`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ':purged': 'purged', ':now': now.toISOString(), ':one': 1 },
    },
  };
}

/** Runs `fn` over items, a few at a time (the writes touch distinct items and do not conflict). */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function purgeDocuments(
  ctx: JobContext,
  retentionDays: number = config().documentRetentionDays,
): Promise<JobResult> {
  const actor = systemActor(PURGE_DOCUMENTS_JOB);
  const limit = pageSizeOf(ctx);
  const { documentsBucket, certificatesBucket } = config();

  /** Deletes the owners' objects, then marks each owner's records in one transaction with its audit entry. */
  async function purgeOwners(
    owners: { id: string; entityType: 'person' | 'application'; key: Key; summaryField: (kind: string) => string }[],
    docKeys: { key: Key; kind: string; owner: string }[],
    detail: Record<string, unknown>,
  ): Promise<number> {
    const live = await liveDocuments(docKeys);
    await deleteObjects(
      documentsBucket,
      [...live.values()].flatMap((records) => records.flatMap((r) => r.objectKeys)),
    );
    let changed = 0;
    await eachLimited(owners, 4, async (owner) => {
      const records = live.get(owner.id);
      if (!records?.length) return;
      try {
        await transact([
          ...records.map((r) => markPurged(r, ctx.now)),
          markOwner(
            owner.key,
            records.map((r) => owner.summaryField(r.kind)),
            ctx.now,
          ),
          auditPut({
            at: ctx.now,
            actor,
            entityType: owner.entityType,
            entityId: owner.id,
            action: 'purge-documents',
            changes: Object.fromEntries(records.map((r) => [`documents.${r.kind}`, { from: r.state, to: 'purged' }])),
            detail: {
              ...detail,
              deleted: records.map((r) => ({ kind: r.kind, objectKeys: r.objectKeys })),
            },
          }),
        ]);
        changed++;
      } catch (err) {
        // Another run marked them first: nothing left to do for this owner.
        if (!(err instanceof ConditionFailedError)) throw err;
      }
    });
    return changed;
  }

  return runJob({
    job: PURGE_DOCUMENTS_JOB,
    ctx,
    due: (e) => {
      const at = purgeDueAt(e, retentionDays);
      return at !== null && ctx.now.getTime() >= at.getTime();
    },
    scopeOf: (e) => `${e.id}#${purgeDueAt(e, retentionDays)?.toISOString()}`,
    plan: (e) => {
      const detail = {
        rule: 'identity documents are kept until the retention period after the mandates end has passed',
        mandateEndsOn: mandateEndsOn(e),
        retentionDays,
        job: PURGE_DOCUMENTS_JOB,
      };
      const people: Phase = {
        name: 'people',
        async page(cursor) {
          const page = await queryPage({
            index: 'gsi5',
            partition: indexPartitions.peopleOfElection(e.id),
            limit,
            cursor: cursor ?? undefined,
          });
          const persons = page.items.map(personFromItem);
          const changed = await purgeOwners(
            persons.map((p) => ({
              id: p.id,
              entityType: 'person' as const,
              key: keys.person(p.id),
              summaryField: (kind: string) => `documents.${kind}`,
            })),
            persons.flatMap((p) =>
              PERSON_DOCUMENT_KINDS.map((kind) => ({ key: keys.personDocument(p.id, kind), kind, owner: p.id })),
            ),
            detail,
          );
          return { nextCursor: page.nextCursor, changed, skipped: 0 };
        },
      };
      const applications: Phase = {
        name: 'applications',
        async page(cursor) {
          const page = await applicationsPage(e.id, limit, cursor);
          const changed = await purgeOwners(
            page.items.map((a) => ({
              id: a.id,
              entityType: 'application' as const,
              key: keys.application(a.id),
              summaryField: () => 'letter',
            })),
            page.items.map((a) => ({ key: keys.applicationDocument(a.id, 'letter'), kind: 'letter', owner: a.id })),
            detail,
          );
          return { nextCursor: page.nextCursor, changed, skipped: 0 };
        },
      };
      // What no record points to any more (replaced or abandoned uploads) and the certificate PDFs.
      const sweep: Phase = {
        name: 'sweep',
        async page() {
          const spent = () => Date.now() > ctx.deadline;
          const docs = await deletePrefix(documentsBucket, `documents/${e.id}/`, spent);
          if (!docs.empty) return { nextCursor: 'documents', changed: 0, skipped: 0 };
          const certs = await deletePrefix(certificatesBucket, `certificates/${e.id}/`, spent);
          return { nextCursor: certs.empty ? null : 'certificates', changed: 0, skipped: 0 };
        },
      };
      return {
        phases: [people, applications, sweep],
        finish: async (cp) => {
          try {
            await transact([
              {
                Put: {
                  TableName: config().tableName,
                  Item: {
                    ...keys.jobMarker(PURGE_DOCUMENTS_JOB, e.id, 'summary'),
                    entity: 'job-marker',
                    schemaVersion: 1,
                    at: ctx.now.toISOString(),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              auditPut({
                at: ctx.now,
                actor,
                entityType: 'election',
                entityId: e.id,
                action: 'purge-documents',
                detail: {
                  ...detail,
                  ownersPurged: cp.count,
                  prefixes: [`${documentsBucket}/documents/${e.id}/`, `${certificatesBucket}/certificates/${e.id}/`],
                },
              }),
            ]);
          } catch (err) {
            if (!(err instanceof ConditionFailedError)) throw err;
          }
          await ctx.checkpoints.save(PURGE_DOCUMENTS_JOB, cp);
        },
      };
    },
  });
}
