/**
 * The outbox consumer as a stream poller calls it, limited to the elections a test registered: the
 * data suites share one table, and this keeps one file's consumer away from other files' outbox items.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handler as outboxConsumer } from '#functions/events/outbox-consumer';

const holder = globalThis as { __publicationScope?: Set<string> };
holder.__publicationScope ??= new Set<string>();
const scope = holder.__publicationScope;

export function scopeElection(electionId: string): void {
  scope.add(electionId);
}

export const handler = async (event: DynamoDBStreamEvent) => {
  const mine = event.Records.filter((r) => {
    const id = r.dynamodb?.NewImage?.electionId?.S;
    return id !== undefined && scope.has(id);
  });
  if (mine.length === 0) return { batchItemFailures: [] };
  return outboxConsumer({ Records: mine });
};
