/**
 * Printing (3.4): every certificate a resolution granted, in one PDF, in print order (certificate
 * number, the order of the resolution's first annex), for the Commission's printer. Only people still
 * accredited are printed: a certificate revoked since (4.7) is not handed out. Every certificate must
 * have been rendered (the outbox renders them after the adoption); until then the answer is 409.
 * The file is stored under `print/` of the certificates bucket and handed out as a 5-minute link;
 * each batch is audited on the resolution.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { RuleViolationError } from '#domain/errors';
import { auditRecord } from '#data/audit';
import { getCertificate } from '#data/certificates';
import { getPeople } from '#data/persons';
import { getResolution } from '#data/resolutions/drafts';
import { allItems } from '#data/resolutions/items';
import type { Actor } from '#schemas/audit';
import { ddb, s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { DOCUMENT_URL_TTL_SECONDS, notAdopted } from './resolution-document-link';
import { pdfDownloadLink } from '#uploads/download-links';

async function readObject(key: string): Promise<Uint8Array> {
  const out = await s3().send(new GetObjectCommand({ Bucket: config().certificatesBucket, Key: key }));
  if (!out.Body) throw new Error(`certificate object ${key} is empty`);
  return out.Body.transformToByteArray();
}

/** Concatenates PDFs page by page, in the order given. */
export async function mergePdfs(files: readonly Uint8Array[], at: Date): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  out.setCreationDate(at);
  out.setModificationDate(at);
  out.setCreator('cec-observers');
  for (const bytes of files) {
    const src = await PDFDocument.load(bytes);
    const pages = await out.copyPages(src, src.getPageIndices());
    for (const page of pages) out.addPage(page);
  }
  return out.save({ useObjectStreams: true });
}

export async function printBatchLink(resolutionId: string, actor: Actor, now: Date) {
  const r = await getResolution(resolutionId);
  if (r.status !== 'adopted') throw notAdopted(r);
  if (r.kind !== 'accreditation') {
    throw new RuleViolationError(
      `resolution ${r.number} withdraws accreditations (4.7): it grants no certificates to print`,
      'RESOLUTION_NOT_ADOPTED',
      '3.4',
    );
  }
  const items = await allItems(r.id);
  const people = (await getPeople(items.map((i) => i.personId))).filter(
    (p) =>
      p.status === 'accredited' &&
      p.certificateNumber &&
      (p.decisions ?? []).some((d) => d.resolutionId === r.id && d.outcome === 'accredited'),
  );
  const numbers = people.map((p) => p.certificateNumber as string).sort();
  const certificates = await Promise.all(numbers.map((n) => getCertificate(r.electionId, n)));
  const missing = certificates.filter((c) => !c?.objectKey).length;
  if (missing > 0) {
    throw new RuleViolationError(
      `${missing} of ${numbers.length} certificates of resolution ${r.number} are still being prepared; try again in a minute (3.4)`,
      'CERTIFICATE_NOT_READY',
      '3.4',
    );
  }
  const files: Uint8Array[] = [];
  // Read a few at a time: order is kept by index, the bucket is not flooded.
  for (let i = 0; i < certificates.length; i += 16) {
    const chunk = certificates.slice(i, i + 16);
    files.push(...(await Promise.all(chunk.map((c) => readObject(c?.objectKey as string)))));
  }
  const pdf = await mergePdfs(files, now);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const objectKey = `print/${r.electionId}/${r.id}.pdf`;
  const filename = `certificates-${r.number.replace(/[^0-9A-Za-z-]+/g, '-')}.pdf`;
  await s3().send(
    new PutObjectCommand({
      Bucket: config().certificatesBucket,
      Key: objectKey,
      Body: pdf,
      ContentType: 'application/pdf',
      Metadata: { 'resolution-id': r.id, sha256 },
    }),
  );
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: auditRecord({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'certificates-print-batch',
        clause: '3.4',
        detail: { number: r.number, certificates: numbers.length, objectKey, sha256 },
      }),
    }),
  );
  const url = await pdfDownloadLink(objectKey, filename);
  return {
    url,
    expiresAt: new Date(now.getTime() + DOCUMENT_URL_TTL_SECONDS * 1000).toISOString(),
    filename,
    sha256,
    count: numbers.length,
  };
}
