import { PutObjectCommand } from '@aws-sdk/client-s3';
import { publishedCsv } from '#data/published';
import { httpHandler, text } from '#http/handler';
import { publicObserversCsv } from '#http/routes/publication';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { presignedGet } from '#uploads/download-links';

/** API Gateway answers at most 6 MB; a larger list is handed out as a file (about 40,000 rows and up). */
const INLINE_MAX_BYTES = Number(process.env.PUBLIC_CSV_INLINE_MAX_BYTES ?? 5_000_000);

export const handler = httpHandler(publicObserversCsv, async ({ params, query, now }) => {
  const csv = await publishedCsv(params.electionId, query);
  const filename = `observers-${params.electionId}${query.status ? `-${query.status}` : ''}-${query.lang}.csv`;
  if (Buffer.byteLength(csv, 'utf8') <= INLINE_MAX_BYTES) {
    return text(200, csv, 'text/csv; charset=utf-8', {
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'public, max-age=60',
    });
  }
  const key = `exports/${params.electionId}/${now.toISOString().replace(/[:.]/g, '-')}-${filename}`;
  await s3().send(
    new PutObjectCommand({
      Bucket: config().certificatesBucket,
      Key: key,
      Body: csv,
      ContentType: 'text/csv; charset=utf-8',
    }),
  );
  const url = await presignedGet({
    bucket: 'certificates',
    key,
    contentType: 'text/csv; charset=utf-8',
    disposition: 'attachment',
    filename,
  });
  return { statusCode: 303, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
});
