/**
 * Cursor pagination over Queries. A cursor is the opaque, base64url-encoded LastEvaluatedKey; a
 * cursor that does not decode, or names another index's keys, is a 400, never a 500.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#domain/errors';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { INDEXES, type IndexName, PK, SK } from './table';

export type Item = Record<string, unknown>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * A cursor must be a key of the list it continues: exactly the table's keys (and the index's), all
 * strings, in the same partition and under the same sort-key prefix. Anything else would reach
 * DynamoDB as an invalid ExclusiveStartKey and come back as a 500, so it is refused here as a 400.
 */
export function decodeCursor(
  cursor: string | undefined,
  index?: IndexName,
  list?: { partition: string; prefix?: string },
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const invalid = () => new ValidationError([{ field: 'cursor', rule: 'must be a cursor returned by this list' }]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const required = [PK, SK, ...(index ? [INDEXES[index].pk, INDEXES[index].sk] : [])];
  const entries = Object.entries(key);
  if (entries.length !== required.length || entries.some(([k, v]) => !required.includes(k) || typeof v !== 'string')) {
    throw invalid();
  }
  const record = key as Record<string, string>;
  if (list) {
    const partitionKey = index ? INDEXES[index].pk : PK;
    const sortKey = index ? INDEXES[index].sk : SK;
    if (record[partitionKey] !== list.partition) throw invalid();
    if (list.prefix && !record[sortKey]?.startsWith(list.prefix)) throw invalid();
  }
  return record;
}

export interface PageRequest {
  index?: IndexName;
  partition: string;
  /** `begins_with` on the sort key. */
  prefix?: string;
  limit: number;
  cursor?: string;
  descending?: boolean;
  /** A FilterExpression over non-key attributes, with its names and values. */
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  /** Stop filling a filtered page after this many Query calls, returning a cursor to go on. */
  maxQueries?: number;
}

export interface Page<T = Item> {
  items: T[];
  nextCursor: string | null;
  consumedCapacity: number;
}

/**
 * One page of a Query. With a filter, DynamoDB may return fewer matches than asked for; the page is
 * topped up with further Queries (bounded by `maxQueries`) so that a grid page is full where it can be.
 */
export async function queryPage<T = Item>(req: PageRequest): Promise<Page<T>> {
  const pkName = req.index ? INDEXES[req.index].pk : PK;
  const skName = req.index ? INDEXES[req.index].sk : SK;
  const names: Record<string, string> = { '#pk': pkName, ...(req.filter?.names ?? {}) };
  const values: Record<string, unknown> = { ':pk': req.partition, ...(req.filter?.values ?? {}) };
  let condition = '#pk = :pk';
  if (req.prefix) {
    names['#sk'] = skName;
    values[':prefix'] = req.prefix;
    condition += ' AND begins_with(#sk, :prefix)';
  }
  const items: T[] = [];
  let startKey = decodeCursor(req.cursor, req.index, { partition: req.partition, prefix: req.prefix });
  let consumed = 0;
  const maxQueries = req.maxQueries ?? 10;
  for (let q = 0; q < maxQueries; q++) {
    const input: QueryCommandInput = {
      TableName: config().tableName,
      IndexName: req.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      FilterExpression: req.filter?.expression,
      ExclusiveStartKey: startKey,
      ScanIndexForward: !req.descending,
      Limit: req.limit - items.length,
      ReturnConsumedCapacity: 'TOTAL',
    };
    const out = await ddb.send(new QueryCommand(input));
    consumed += out.ConsumedCapacity?.CapacityUnits ?? 0;
    items.push(...((out.Items ?? []) as T[]));
    startKey = out.LastEvaluatedKey;
    if (!startKey || items.length >= req.limit) break;
  }
  return { items, nextCursor: encodeCursor(startKey), consumedCapacity: consumed };
}

/** Every item of a partition, page by page: for jobs and bounded collections, never for user lists. */
export async function* queryAll<T = Item>(req: Omit<PageRequest, 'limit' | 'cursor'>, pageSize = 500) {
  let cursor: string | undefined;
  do {
    const page = await queryPage<T>({ ...req, limit: pageSize, cursor });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
