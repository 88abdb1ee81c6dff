/**
 * The organization's download of a certificate (3.4) from the portal: only for its own accredited
 * representatives in the election of its session, as a short-lived presigned GET of the PDF, and
 * every link handed out is audited (design principle 7).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, RuleViolationError } from '#domain/errors';
import { auditRecord } from '#data/audit';
import { getCertificate } from '#data/certificates';
import { findPerson } from '#data/persons';
import type { Actor } from '#schemas/audit';
import { LINK_TTL_SECONDS, pdfDownloadLink } from '#uploads/download-links';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';

export const DOWNLOAD_URL_TTL_SECONDS = LINK_TTL_SECONDS;

export interface PortalScope {
  organizationId: string;
  electionId: string;
}

export async function certificateDownloadLink(scope: PortalScope, personId: string, actor: Actor, now: Date) {
  const person = await findPerson(personId);
  // Another organization's representative does not exist, as far as this session can tell.
  if (!person || person.organizationId !== scope.organizationId || person.electionId !== scope.electionId) {
    throw new NotFoundError('representative', personId);
  }
  if (person.status === 'revoked') {
    throw new RuleViolationError(
      'the accreditation of this representative was revoked: the certificate is no longer valid (4.7)',
      'CERTIFICATE_REVOKED',
      '4.7',
    );
  }
  if ((person.status !== 'accredited' && person.status !== 'expired') || !person.certificateNumber) {
    throw new RuleViolationError(
      'this representative is not accredited: a certificate is issued with the accreditation (3.3, 3.4)',
      'NOT_ACCREDITED',
      '3.4',
    );
  }
  const number = person.certificateNumber;
  const certificate = await getCertificate(person.electionId, number);
  if (!certificate?.objectKey) {
    throw new RuleViolationError(
      'the certificate is being prepared; try again in a minute (3.4)',
      'CERTIFICATE_NOT_READY',
      '3.4',
    );
  }
  const filename = `certificate-${number}.pdf`;
  const url = await pdfDownloadLink(certificate.objectKey, filename);
  await ddb.send(
    new PutCommand({
      TableName: config().tableName,
      Item: auditRecord({
        at: now,
        actor,
        entityType: 'certificate',
        entityId: `${person.electionId}#${number}`,
        action: 'download-link',
        clause: '3.4',
        detail: { personId, via: 'portal', expiresInSeconds: DOWNLOAD_URL_TTL_SECONDS },
      }),
    }),
  );
  return {
    url,
    expiresAt: new Date(now.getTime() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString(),
    number,
    filename,
  };
}
