/**
 * Counters of people per status, per election, organization and country. They are changed only by
 * the same transaction that changes a person's status, so they are exact without counting by reading.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PersonStatus } from '#domain/lifecycle';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { type Key, keys } from './keys';
import type { TransactItem } from './transact';

export interface CounterScope {
  electionId: string;
  organizationId: string;
  organizationCountry: string;
}

function scopeKeys(s: CounterScope): Key[] {
  return [
    keys.statusCounter(s.electionId),
    keys.orgCounter(s.electionId, s.organizationId),
    keys.countryCounter(s.electionId, s.organizationCountry),
  ];
}

/**
 * Update actions that move `n` people of one scope from one status to another (`from` null: new people;
 * `to` null: removed). One action per counter item, so they fit beside the change in one transaction.
 */
export function counterMoves(
  scope: CounterScope,
  from: PersonStatus | null,
  to: PersonStatus | null,
  n = 1,
): TransactItem[] {
  if (from === to) return [];
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts: string[] = [];
  if (from) {
    names['#from'] = from;
    values[':dec'] = -n;
    parts.push('#from :dec');
  }
  if (to) {
    names['#to'] = to;
    values[':inc'] = n;
    parts.push('#to :inc');
  }
  return scopeKeys(scope).map((Key) => ({
    Update: {
      TableName: config().tableName,
      Key,
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }));
}

export type StatusCounts = Partial<Record<PersonStatus, number>>;

function countsOf(item: Record<string, unknown> | undefined): StatusCounts {
  const counts: StatusCounts = {};
  for (const [k, v] of Object.entries(item ?? {})) {
    if (typeof v === 'number' && !['pk', 'sk'].includes(k)) counts[k as PersonStatus] = v;
  }
  return counts;
}

export async function statusCounts(electionId: string): Promise<StatusCounts> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.statusCounter(electionId), ConsistentRead: true }),
  );
  return countsOf(out.Item);
}

/** Counts per organization or per country: one Query over the election's counter items. */
export async function groupedCounts(electionId: string, by: 'ORG' | 'CC'): Promise<Record<string, StatusCounts>> {
  const prefix = `COUNT#${by}#`;
  const result: Record<string, StatusCounts> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new QueryCommand({
        TableName: config().tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.election(electionId).pk, ':prefix': prefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) result[String(item.sk).slice(prefix.length)] = countsOf(item);
    start = out.LastEvaluatedKey;
  } while (start);
  return result;
}
