/**
 * DynamoDB Streams consumer of resolutions (shared/wiring/consumers.ts): when a resolution is
 * adopted, its act is rendered as a PDF in Kyrgyz and Russian and stored with the certificates (3.3).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handleResolutionRecords } from '#pdf/resolution-document-consumer';
import { clock } from '#runtime/clock';
import { observed } from '#runtime/observability';

export const handler = observed(async (event: DynamoDBStreamEvent) =>
  handleResolutionRecords(event.Records ?? [], clock),
);
