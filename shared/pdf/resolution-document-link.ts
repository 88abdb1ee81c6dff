/**
 * The staff's link to an adopted resolution's act (3.3): a 5-minute presigned GET of the PDF the
 * resolution-documents consumer stored (./resolution-documents.ts). Kept apart from the renderer so
 * that the API function serving links does not carry pdf-lib and the fonts. A draft answers 409
 * (RESOLUTION_NOT_ADOPTED); an adopted resolution whose act is still being rendered answers 409
 * (DOCUMENT_NOT_READY) for the few seconds that takes.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RuleViolationError } from '#domain/errors';
import { keys } from '#data/keys';
import { getResolution } from '#data/resolutions/drafts';
import type { Resolution } from '#schemas/resolution';
import { LINK_TTL_SECONDS, pdfDownloadLink } from '#uploads/download-links';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';

export const DOCUMENT_URL_TTL_SECONDS = LINK_TTL_SECONDS;

export interface StoredDocument {
  resolutionId: string;
  electionId: string;
  objectKey: string;
  sha256: string;
  bytes: number;
  storedAt: string;
}

export function notAdopted(r: Pick<Resolution, 'number' | 'status'>): RuleViolationError {
  return new RuleViolationError(
    `resolution ${r.number} is ${r.status}: its document exists once it is adopted (3.3)`,
    'RESOLUTION_NOT_ADOPTED',
    '3.3',
  );
}

export async function findResolutionDocument(resolutionId: string): Promise<StoredDocument | undefined> {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.resolutionDocument(resolutionId), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  const { resolutionId: id, electionId, objectKey, sha256, bytes, storedAt } = out.Item;
  return { resolutionId: id, electionId, objectKey, sha256, bytes, storedAt } as StoredDocument;
}

export async function resolutionDocumentLink(resolutionId: string, now: Date) {
  const r = await getResolution(resolutionId);
  if (r.status !== 'adopted') throw notAdopted(r);
  const doc = await findResolutionDocument(r.id);
  if (!doc) {
    throw new RuleViolationError(
      `the document of resolution ${r.number} is being prepared; try again in a minute (3.3)`,
      'DOCUMENT_NOT_READY',
      '3.3',
    );
  }
  const filename = `resolution-${r.number.replace(/[^0-9A-Za-z-]+/g, '-')}.pdf`;
  return {
    url: await pdfDownloadLink(doc.objectKey, filename),
    expiresAt: new Date(now.getTime() + DOCUMENT_URL_TTL_SECONDS * 1000).toISOString(),
    filename,
    sha256: doc.sha256,
  };
}
