/**
 * Deleting objects from the product's buckets, for the purge of identity documents (design
 * principle 7). Deleting a key that is already gone is not an error, so every step can be repeated.
 */
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3 } from '#runtime/clients';

/** S3's limit of keys per DeleteObjects call. */
const MAX_KEYS_PER_DELETE = 1000;

export class ObjectDeleteError extends Error {
  override name = 'ObjectDeleteError';
  constructor(
    readonly bucket: string,
    readonly failures: { key: string; code: string }[],
  ) {
    super(`could not delete ${failures.length} object(s) from ${bucket}: ${failures[0]?.code ?? ''}`);
  }
}

/** Deletes the given keys; throws if S3 reports any key it could not delete. */
export async function deleteObjects(bucket: string, keys: readonly string[]): Promise<number> {
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += MAX_KEYS_PER_DELETE) {
    const batch = unique.slice(i, i + MAX_KEYS_PER_DELETE);
    const out = await s3().send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    const failures = (out.Errors ?? [])
      .filter((e) => e.Code !== 'NoSuchKey')
      .map((e) => ({ key: e.Key ?? '', code: e.Code ?? 'unknown' }));
    if (failures.length > 0) throw new ObjectDeleteError(bucket, failures);
  }
  return unique.length;
}

/**
 * Deletes every object under a prefix, a listing page at a time (1000 keys), until none is left or
 * `spent()` says the budget is over. Returns how many were deleted and whether the prefix is empty.
 */
export async function deletePrefix(
  bucket: string,
  prefix: string,
  spent: () => boolean,
): Promise<{ deleted: number; empty: boolean }> {
  let deleted = 0;
  for (;;) {
    // Always the first page: what was deleted is gone, so the listing moves on by itself.
    const out = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000 }));
    const keys = (out.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
    if (keys.length === 0) return { deleted, empty: true };
    deleted += await deleteObjects(bucket, keys);
    if (!out.IsTruncated) return { deleted, empty: true };
    if (spent()) return { deleted, empty: false };
  }
}
