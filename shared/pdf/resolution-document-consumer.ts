/**
 * The resolution-documents consumer's work: for each stream record in which a resolution turns
 * `adopted` (its OLD image not adopted, its NEW image adopted), render and store the act
 * (./resolution-documents.ts). Storing is idempotent, so a redelivered record does nothing twice; a
 * failure reports the record and the stream delivers it again (partial batch response).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Clock } from '#domain/clock';
import { logger } from '#runtime/logger';
import { storeResolutionDocument } from './resolution-documents';

const image = (i: unknown) => (i ? unmarshall(i as Record<string, AttributeValue>) : undefined);

/** The id of a resolution this record shows being adopted, or null. */
export function adoptedResolution(record: DynamoDBRecord): string | null {
  const next = image(record.dynamodb?.NewImage);
  if (next?.entity !== 'resolution' || next.status !== 'adopted' || typeof next.id !== 'string') return null;
  const before = image(record.dynamodb?.OldImage);
  return before?.status === 'adopted' ? null : next.id;
}

export async function handleResolutionRecords(
  records: readonly DynamoDBRecord[],
  clock: Clock,
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of records) {
    const id = adoptedResolution(record);
    if (!id) continue;
    try {
      const doc = await storeResolutionDocument(id, clock.now());
      logger.info('resolution document stored', { resolutionId: id, sha256: doc.sha256, bytes: doc.bytes });
    } catch (err) {
      logger.error('resolution document could not be stored', { resolutionId: id, error: err as Error });
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures: failures };
}
