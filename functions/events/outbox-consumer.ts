/**
 * DynamoDB Streams consumer of the outbox (shared/wiring/consumers.ts): emails through SES and
 * certificates into S3. Partial batch responses: records to retry are reported by sequence number.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handleOutboxRecords } from '#mail/outbox-worker';
import { clock } from '#runtime/clock';
import { observed } from '#runtime/observability';

export const handler = observed(async (event: DynamoDBStreamEvent) => handleOutboxRecords(event.Records ?? [], clock));
