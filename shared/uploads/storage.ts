/** The documents bucket: reading an uploaded object within a bound, and deleting objects. */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound } from '@aws-sdk/client-s3';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { logger } from '#runtime/logger';

export interface ObjectHead {
  size: number;
  contentType: string | undefined;
  lastModified: Date | undefined;
}

export async function headObject(key: string, bucket = config().documentsBucket): Promise<ObjectHead | null> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: out.ContentLength ?? 0, contentType: out.ContentType, lastModified: out.LastModified };
  } catch (err) {
    if (err instanceof NotFound || (err as { name?: string }).name === 'NotFound') return null;
    throw err;
  }
}

/** Reads the object, refusing to hold more than `maxBytes` (+1 to tell "too large" apart). */
export async function readObject(key: string, maxBytes: number, bucket = config().documentsBucket): Promise<Buffer> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of out.Body as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    chunks.push(Buffer.from(chunk));
    if (total > maxBytes) {
      (out.Body as { destroy?: () => void }).destroy?.();
      break;
    }
  }
  return Buffer.concat(chunks);
}

export async function deleteObject(key: string, bucket = config().documentsBucket): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** Deletes objects one by one (deletion of a missing key succeeds, so this is idempotent). */
export async function deleteObjects(keys: readonly string[], bucket = config().documentsBucket): Promise<void> {
  for (const key of new Set(keys)) {
    try {
      await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    } catch (err) {
      // A leftover object is swept by the retention purge; the request itself must not fail for it.
      logger.warn('could not delete an object', { key, error: (err as Error).message });
    }
  }
}
