/**
 * Event consumers: which function receives which event source. The CDK stack wires these in AWS; the
 * local twin delivers the same event shapes to the same handlers.
 */

export interface StreamConsumer {
  name: string;
  /** Entry module under `functions/`, exporting `handler` (a DynamoDB Streams batch handler). */
  handler: string;
  /** Only stream records whose NEW image has `entity` equal to this are delivered (Lambda event filter). */
  entity: string;
  /** Only INSERT records are delivered (new outbox items); updates of status are not re-sent. */
  eventNames: readonly ('INSERT' | 'MODIFY' | 'REMOVE')[];
  batchSize: number;
  maxRetries: number;
}

export const streamConsumers: readonly StreamConsumer[] = [
  {
    name: 'outbox',
    handler: 'events/outbox-consumer',
    entity: 'outbox',
    // INSERT: a new item. MODIFY: staff put a failed item back to pending (its `retries` changed); the
    // consumer ignores the other MODIFYs (its own status changes).
    eventNames: ['INSERT', 'MODIFY'],
    batchSize: 10,
    maxRetries: 5,
  },
  {
    name: 'resolution-documents',
    handler: 'events/resolution-documents',
    entity: 'resolution',
    // MODIFY: the adoption's last chunk turns the resolution `adopted`; the consumer renders the act
    // (3.3) for that change only and ignores the other updates (progress, drafts).
    eventNames: ['MODIFY'],
    batchSize: 5,
    maxRetries: 5,
  },
];

export interface BucketConsumer {
  name: string;
  handler: string;
  /** Which of the product's buckets: `documents` (private identity documents) or `certificates`. */
  bucket: 'documents' | 'certificates';
  events: readonly string[];
}

export const bucketConsumers: readonly BucketConsumer[] = [
  { name: 'upload-checker', handler: 'events/upload-checker', bucket: 'documents', events: ['s3:ObjectCreated:*'] },
];
