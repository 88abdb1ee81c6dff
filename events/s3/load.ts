/**
 * S3 sample events (the shape the twin delivers and S3 sends to Lambda), for tests and local runs.
 * Each call returns a fresh copy, so a test may change its event without touching the fixture.
 */
import { readFileSync } from 'node:fs';
import type { S3Event } from 'aws-lambda';

export function s3Event(name: 'object-created', change?: { bucket?: string; key?: string; size?: number }): S3Event {
  const event = JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as S3Event;
  const record = event.Records[0]!;
  if (change?.bucket) {
    record.s3.bucket.name = change.bucket;
    record.s3.bucket.arn = `arn:aws:s3:::${change.bucket}`;
  }
  // Keys in S3 events are URL-encoded, with spaces as '+'.
  if (change?.key) record.s3.object.key = encodeURIComponent(change.key).replace(/%2F/g, '/').replace(/%20/g, '+');
  if (change?.size !== undefined) record.s3.object.size = change.size;
  return event;
}
