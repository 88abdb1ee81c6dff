/**
 * S3 object created in the documents bucket → the upload check (shared/uploads/checker.ts). A plain
 * handler, no HTTP middleware. Records are handled one by one; an error fails the invocation so that
 * the event is delivered again, which the check is safe against.
 */
import type { S3Event } from 'aws-lambda';
import { config } from '#runtime/config';
import { clock } from '#runtime/clock';
import { logger } from '#runtime/logger';
import { observed } from '#runtime/observability';
import { checkUploadedObject } from '#uploads/checker';

/** S3 event keys are URL-encoded, with `+` for spaces. */
export function objectKeyOfRecord(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}

export const handler = observed(async (event: S3Event): Promise<{ checked: { key: string; outcome: string }[] }> => {
  const checked: { key: string; outcome: string }[] = [];
  for (const record of event.Records ?? []) {
    if (!record.eventName?.startsWith('ObjectCreated')) continue;
    if (record.s3.bucket.name !== config().documentsBucket) continue;
    const key = objectKeyOfRecord(record.s3.object.key);
    const outcome = await checkUploadedObject(key, clock.now());
    logger.info('upload checked', { key, outcome });
    checked.push({ key, outcome });
  }
  return { checked };
});
