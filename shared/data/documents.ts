/**
 * Document records (3.1): the application letter (beside the application) and each person's passport
 * copy and photo (beside the person). A record holds the state of the document in force and the one
 * upload in flight (`pendingKey`): asking for a new upload never loses an accepted file, and only the
 * object the latest presigned POST allows can change the record.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentKindName, DocumentRecord } from '#schemas/document';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { type Key, keys } from './keys';
import type { TransactItem } from './transact';

export const DOCUMENT_ENTITY = 'document';
const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;

export type StoredDocument = DocumentRecord & {
  electionId: string;
  organizationId: string;
  applicationId: string;
  personId: string | null;
  pendingKey: string | null;
  version: number;
};

/** The letter belongs to the application, passport copy and photo to the person. */
export function documentKey(kind: DocumentKindName, ownerId: string): Key {
  return kind === 'letter' ? keys.applicationDocument(ownerId, 'letter') : keys.personDocument(ownerId, kind);
}

export function documentFromItem(item: Record<string, unknown>): StoredDocument {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as StoredDocument;
}

function toItem(d: StoredDocument): Record<string, unknown> {
  return { ...documentKey(d.kind, d.ownerId), entity: DOCUMENT_ENTITY, schemaVersion: 1, ...d };
}

export async function findDocument(kind: DocumentKindName, ownerId: string): Promise<StoredDocument | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: documentKey(kind, ownerId), ConsistentRead: true }),
  );
  return out.Item ? documentFromItem(out.Item) : undefined;
}

/** Many documents at once (100 keys per BatchGetItem); the map is keyed `<ownerId>#<kind>`. */
export async function getDocuments(
  wanted: readonly { kind: DocumentKindName; ownerId: string }[],
): Promise<Map<string, StoredDocument>> {
  const tableName = config().tableName;
  const result = new Map<string, StoredDocument>();
  const chunks: { kind: DocumentKindName; ownerId: string }[][] = [];
  for (let i = 0; i < wanted.length; i += 100) chunks.push(wanted.slice(i, i + 100));
  await Promise.all(
    chunks.map(async (chunk) => {
      let request: Record<string, unknown>[] | undefined = chunk.map((w) => ({ ...documentKey(w.kind, w.ownerId) }));
      for (let attempt = 0; request && request.length > 0; attempt++) {
        const out = await ddb.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: request, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[tableName] ?? []) {
          const d = documentFromItem(item);
          result.set(`${d.ownerId}#${d.kind}`, d);
        }
        request = out.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
        if (request?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
    }),
  );
  return result;
}

/** A new record, or a change conditional on the version read (uploads racing on one record). */
export function documentPut(before: StoredDocument | undefined, after: StoredDocument): TransactItem {
  return before
    ? {
        Put: {
          TableName: config().tableName,
          Item: toItem(after),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': before.version },
        },
      }
    : { Put: { TableName: config().tableName, Item: toItem(after), ConditionExpression: 'attribute_not_exists(pk)' } };
}

export function documentDelete(kind: DocumentKindName, ownerId: string): TransactItem {
  return { Delete: { TableName: config().tableName, Key: documentKey(kind, ownerId) } };
}
