/**
 * Publication: the published list of accredited observers (3.3) as JSON and CSV, certificate
 * verification (3.4), the organization's download of its certificates, and the staff's view of the
 * outbox (mail and certificates on their way) with a way to send failed items again.
 *
 * Who: anyone for the list and verification; the organization's portal session for its own
 * certificates; cec-admin for the outbox.
 */
import { z } from 'zod';
import { id } from '#schemas/common';
import {
  certificateDownload,
  documentLink,
  extractCheck,
  extractParams,
  outboxListQuery,
  outboxPage,
  outboxTrouble,
  outboxView,
  publicCsvQuery,
  publicListQuery,
  publicObserverPage,
  printBatchLink,
  publishedSummary,
  registerExtractLink,
  registerExtractQuery,
  retryFailedResult,
  verificationResult,
  verifyParams,
  verifyQuery,
} from '#schemas/publication';
import { CEC_ADMIN, CEC_STAFF, defineRoute } from '../route';

export const listPublicObservers = defineRoute({
  method: 'GET',
  path: '/v1/public/elections/{electionId}/observers',
  handler: 'http/public/list-observers',
  access: { kind: 'public' },
  summary:
    'The published list of accredited observers (3.3): name, organization, country, certificate number and status (accredited, revoked, expired); cursor pages',
  tag: 'public',
  params: z.strictObject({ electionId: id }),
  query: publicListQuery,
  response: publicObserverPage,
});

export const publicObserversCsv = defineRoute({
  method: 'GET',
  path: '/v1/public/elections/{electionId}/observers.csv',
  handler: 'http/public/observers-csv',
  access: { kind: 'public' },
  summary:
    'The published list as CSV (RFC 4180, UTF-8 with BOM), every row; a very large list answers 303 with a short-lived link to the file',
  tag: 'public',
  params: z.strictObject({ electionId: id }),
  query: publicCsvQuery,
  produces: ['text/csv'],
});

export const publishedSummaryRoute = defineRoute({
  method: 'GET',
  path: '/v1/public/elections/{electionId}/observers/summary',
  handler: 'http/public/observers-summary',
  access: { kind: 'public' },
  summary:
    'The published list in figures (3.3): people per status (accredited, revoked, expired) and when the list last changed',
  tag: 'public',
  params: z.strictObject({ electionId: id }),
  response: publishedSummary,
});

export const checkExtractRoute = defineRoute({
  method: 'GET',
  path: '/v1/public/extracts/{electionId}/{extractId}',
  handler: 'http/public/check-extract',
  access: { kind: 'public' },
  summary:
    "Checks a register extract from its QR link: genuine (when issued, as of when, how many people, the file's SHA-256) or unknown",
  tag: 'public',
  params: extractParams,
  query: verifyQuery,
  response: extractCheck,
});

export const resolutionDocumentRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/resolutions/{resolutionId}/document',
  handler: 'http/admin/resolutions/document',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary:
    'A 5-minute link to the adopted resolution as a PDF in Kyrgyz and Russian, with its annexes (3.3, 3.4, 3.9, Art. 10; 4.7); 409 for a draft',
  tag: 'decisions',
  params: z.strictObject({ resolutionId: id }),
  response: documentLink,
});

export const resolutionCertificatesRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/resolutions/{resolutionId}/certificates',
  handler: 'http/admin/resolutions/certificates',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary:
    'A 5-minute link to one PDF of every certificate the resolution granted, in print order (certificate number) (3.4); audited',
  tag: 'decisions',
  params: z.strictObject({ resolutionId: id }),
  response: printBatchLink,
});

export const registerExtractRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/elections/{electionId}/register-extract',
  handler: 'http/admin/elections/register-extract',
  access: { kind: 'staff', groups: CEC_STAFF },
  summary:
    'A 5-minute link to a PDF extract of the register of accredited observers (3.3), as of now or of an adopted resolution, with its own verification QR code; audited',
  tag: 'decisions',
  params: z.strictObject({ electionId: id }),
  query: registerExtractQuery,
  response: registerExtractLink,
});

export const verifyCertificateRoute = defineRoute({
  method: 'GET',
  path: '/v1/public/certificates/{electionId}/{number}',
  handler: 'http/public/verify-certificate',
  access: { kind: 'public' },
  summary:
    'Verifies a certificate from its QR link: valid, revoked (4.7), expired (3.7) or unknown (no such number, or a signature that does not match)',
  tag: 'public',
  params: verifyParams,
  query: verifyQuery,
  response: verificationResult,
});

export const downloadCertificateRoute = defineRoute({
  method: 'GET',
  path: '/v1/portal/people/{personId}/certificate',
  handler: 'http/portal/download-certificate',
  access: { kind: 'portal' },
  summary:
    "A short-lived link to the certificate PDF of one of the organization's accredited representatives (3.4); audited",
  tag: 'portal',
  params: z.strictObject({ personId: id }),
  response: certificateDownload,
});

export const listOutboxRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/outbox',
  handler: 'http/admin/outbox/list',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary:
    'Outgoing mail and certificates by delivery status (pending, sending, sent, failed, parked; default failed), newest first, with attempts, the last error and the next attempt',
  tag: 'outbox',
  query: outboxListQuery,
  response: outboxPage,
});

export const outboxTroubleRoute = defineRoute({
  method: 'GET',
  path: '/v1/admin/outbox/trouble',
  handler: 'http/admin/outbox/trouble',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary:
    'Mail in trouble: failed items waiting for the redrive (with the next attempt) and items parked after 24 hours',
  tag: 'outbox',
  response: outboxTrouble,
});

export const retryOutboxRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/outbox/{id}/retry',
  handler: 'http/admin/outbox/retry',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary:
    'Sends a failed item again (or one stuck for 15 minutes): back to pending with a new round of attempts; audited',
  tag: 'outbox',
  params: z.strictObject({ id }),
  response: outboxView,
});

export const retryFailedOutboxRoute = defineRoute({
  method: 'POST',
  path: '/v1/admin/outbox/retry-failed',
  handler: 'http/admin/outbox/retry-failed',
  access: { kind: 'staff', groups: CEC_ADMIN },
  summary: 'Sends every failed item again, up to 100 per call (after an SES outage); audited per item',
  tag: 'outbox',
  response: retryFailedResult,
});

export const publicationRoutes = [
  listPublicObservers,
  publicObserversCsv,
  publishedSummaryRoute,
  verifyCertificateRoute,
  checkExtractRoute,
  downloadCertificateRoute,
  resolutionDocumentRoute,
  resolutionCertificatesRoute,
  registerExtractRoute,
  listOutboxRoute,
  outboxTroubleRoute,
  retryOutboxRoute,
  retryFailedOutboxRoute,
];
