/**
 * Uploads on the twin: an object sent straight to s3rver through a presigned PUT or POST reaches the
 * bucket's consumers as an S3 event of the real shape. (s3rver checks neither signatures nor POST
 * policy conditions: those are tested where the policy is made.)
 */
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event } from 'aws-lambda';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForRecords } from './fixtures/records';

const s3 = new S3Client({ forcePathStyle: true });
const bucket = () => process.env.DOCUMENTS_BUCKET!;

function eventFor(key: string) {
  const encoded = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
  return waitForRecords<S3Event, S3Event['Records'][number]>('s3', (events) =>
    events.flatMap((e) => e.Records).find((r) => r.s3.object.key === encoded),
  );
}

afterAll(() => s3.destroy());

describe('object-created events', () => {
  it('a presigned PUT reaches the bucket consumer as ObjectCreated:Put, key URL-encoded', async () => {
    const key = `twin-test/${ulid()}/passport copy.pdf`;
    const body = Buffer.from('%PDF-1.4 twin test');
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: bucket(), Key: key, ContentType: 'application/pdf' }),
      {
        expiresIn: 600,
      },
    );
    const put = await fetch(url, { method: 'PUT', body, headers: { 'content-type': 'application/pdf' } });
    expect(put.status).toBe(200);

    const record = await eventFor(key);
    expect(record.eventSource).toBe('aws:s3');
    expect(record.eventName).toBe('ObjectCreated:Put');
    expect(record.awsRegion).toBe(process.env.AWS_REGION);
    expect(record.s3.bucket.name).toBe(bucket());
    expect(record.s3.bucket.arn).toBe(`arn:aws:s3:::${bucket()}`);
    expect(record.s3.object.key).toMatch(/\/passport\+copy\.pdf$/);
    expect(decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '))).toBe(key);
    expect(record.s3.object.size).toBe(body.length);
    expect(record.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a presigned POST (the portal’s upload form) arrives as ObjectCreated:Post', async () => {
    const key = `twin-test/${ulid()}/photo.png`;
    const post = await createPresignedPost(s3, {
      Bucket: bucket(),
      Key: key,
      Conditions: [['content-length-range', 1, 2 * 1024 * 1024]],
      Fields: { 'Content-Type': 'image/png' },
      Expires: 600,
    });
    const form = new FormData();
    for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
    form.append('file', new Blob([Buffer.from('\x89PNG twin test')], { type: 'image/png' }), 'photo.png');
    const res = await fetch(post.url, { method: 'POST', body: form, headers: { origin: 'http://localhost:5173' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');

    const record = await eventFor(key);
    expect(record.eventName).toBe('ObjectCreated:Post');
    expect(record.s3.object.size).toBeGreaterThan(0);
  });

  it('lets the admin UI’s origin preflight an upload to the bucket', async () => {
    const res = await fetch(`${process.env.AWS_ENDPOINT_URL_S3}/${bucket()}/twin-test/x.pdf`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
  });
});
