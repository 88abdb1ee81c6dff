/** DynamoDB Streams sample events (the shape the twin delivers), for tests and local runs; fresh copies. */
import { readFileSync } from 'node:fs';
import type { DynamoDBStreamEvent } from 'aws-lambda';

export function streamEvent(name: 'outbox-insert'): DynamoDBStreamEvent {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as DynamoDBStreamEvent;
}
