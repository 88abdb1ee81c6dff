/**
 * The organizations' portal (/v1/portal). An invited organization signs in with the access code from
 * its invitation email and gets a session scoped to that one organization and election; every record
 * named in a path must belong to both, or it is "not found". Bodies are small JSON forms; files go
 * straight to storage by presigned POST.
 */
import { z } from 'zod';
import { application } from '#schemas/application';
import { page } from '#schemas/common';
import { revocationRequest } from '#schemas/intake';
import { representativeInput } from '#schemas/person';
import {
  applicationCreateInput,
  applicationParams,
  applicationPatchInput,
  personParams,
  portalApplication,
  portalPerson,
  portalSessionView,
  portalUploadInput,
  presignedUpload,
  representativeParams,
  representativeUpdateInput,
  revocationRequestInput,
  sessionInput,
  sessionIssued,
  submittedApplication,
} from '#schemas/portal';
import { defineRoute } from '../route';

const TAG = 'portal';
const PORTAL = { kind: 'portal' } as const;
const FORM_BODY = 8 * 1024;

export const createPortalSession = defineRoute({
  method: 'POST',
  path: '/v1/portal/sessions',
  handler: 'http/portal/create-session',
  access: { kind: 'public' },
  summary:
    'Exchange the access code from the invitation email for a session of 2 hours (one organization, one election); wrong codes are limited to 5 per 15 minutes per organization and audited',
  tag: TAG,
  body: sessionInput,
  response: sessionIssued,
  maxBodyBytes: 1024,
});

export const getPortalSession = defineRoute({
  method: 'GET',
  path: '/v1/portal/session',
  handler: 'http/portal/get-session',
  access: PORTAL,
  summary: 'The organization, the election with its calendar, and the invitation of this session',
  tag: TAG,
  response: portalSessionView,
});

export const listPortalApplications = defineRoute({
  method: 'GET',
  path: '/v1/portal/applications',
  handler: 'http/portal/list-applications',
  access: PORTAL,
  summary: 'The organization’s applications in this election, newest first',
  tag: TAG,
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  }),
  response: page(application),
});

export const createPortalApplication = defineRoute({
  method: 'POST',
  path: '/v1/portal/applications',
  handler: 'http/portal/create-application',
  access: PORTAL,
  summary: 'Start an application, sent directly to the CEC or through the MFA (3.1, 3.2)',
  tag: TAG,
  body: applicationCreateInput,
  response: application,
  maxBodyBytes: 1024,
});

export const getPortalApplication = defineRoute({
  method: 'GET',
  path: '/v1/portal/applications/{applicationId}',
  handler: 'http/portal/get-application',
  access: PORTAL,
  summary:
    'An application with its letter and its people: status, flags to fix, document states with rejection reasons, decisions with reasons',
  tag: TAG,
  params: applicationParams,
  response: portalApplication,
});

export const updatePortalApplication = defineRoute({
  method: 'PATCH',
  path: '/v1/portal/applications/{applicationId}',
  handler: 'http/portal/update-application',
  access: PORTAL,
  summary: 'Change the channel of a draft never submitted (3.2), with the version read',
  tag: TAG,
  params: applicationParams,
  body: applicationPatchInput,
  response: application,
  maxBodyBytes: 1024,
});

export const addPortalRepresentative = defineRoute({
  method: 'POST',
  path: '/v1/portal/applications/{applicationId}/representatives',
  handler: 'http/portal/add-representative',
  access: PORTAL,
  summary: 'Add a representative to a draft (3.1); at most 200 per application',
  tag: TAG,
  params: applicationParams,
  body: representativeInput,
  response: portalPerson,
  maxBodyBytes: FORM_BODY,
});

export const updatePortalRepresentative = defineRoute({
  method: 'PUT',
  path: '/v1/portal/applications/{applicationId}/representatives/{personId}',
  handler: 'http/portal/update-representative',
  access: PORTAL,
  summary: 'Replace a draft or returned representative’s details, with the version read (3.1)',
  tag: TAG,
  params: representativeParams,
  body: representativeUpdateInput,
  response: portalPerson,
  maxBodyBytes: FORM_BODY,
});

export const deletePortalRepresentative = defineRoute({
  method: 'DELETE',
  path: '/v1/portal/applications/{applicationId}/representatives/{personId}',
  handler: 'http/portal/delete-representative',
  access: PORTAL,
  summary: 'Delete a draft representative never submitted, and their uploaded documents',
  tag: TAG,
  params: representativeParams,
});

export const requestPortalUpload = defineRoute({
  method: 'POST',
  path: '/v1/portal/applications/{applicationId}/uploads',
  handler: 'http/portal/request-upload',
  access: PORTAL,
  summary:
    'A presigned POST (10 minutes) for the letter, or a person’s passport copy or photo: PDF, JPEG or PNG, documents ≤ 10 MB, photos ≤ 2 MB (JPEG/PNG, at least 300×400); the file is checked when it arrives',
  tag: TAG,
  params: applicationParams,
  body: portalUploadInput,
  response: presignedUpload,
  maxBodyBytes: 1024,
});

export const submitPortalApplication = defineRoute({
  method: 'POST',
  path: '/v1/portal/applications/{applicationId}/submit',
  handler: 'http/portal/submit-application',
  access: PORTAL,
  summary:
    'Submit: refused after the window closed (3.6, 409) or while incomplete (3.1, 400 listing what is missing per person); flags recomputed; answers each person’s new status and flags; safe to retry',
  tag: TAG,
  params: applicationParams,
  response: submittedApplication,
});

export const withdrawPortalRepresentative = defineRoute({
  method: 'POST',
  path: '/v1/portal/representatives/{personId}/withdraw',
  handler: 'http/portal/withdraw-representative',
  access: PORTAL,
  summary: 'Withdraw a representative before the CEC decides',
  tag: TAG,
  params: personParams,
  response: portalPerson,
});

export const requestPortalRevocation = defineRoute({
  method: 'POST',
  path: '/v1/portal/representatives/{personId}/revocation-request',
  handler: 'http/portal/request-revocation',
  access: PORTAL,
  summary:
    'Ask in writing that an accredited observer’s accreditation be revoked (4.7 b); the CEC decides by resolution',
  tag: TAG,
  params: personParams,
  body: revocationRequestInput,
  response: revocationRequest,
  maxBodyBytes: FORM_BODY,
});

export const portalRoutes = [
  createPortalSession,
  getPortalSession,
  listPortalApplications,
  createPortalApplication,
  getPortalApplication,
  updatePortalApplication,
  addPortalRepresentative,
  updatePortalRepresentative,
  deletePortalRepresentative,
  requestPortalUpload,
  submitPortalApplication,
  withdrawPortalRepresentative,
  requestPortalRevocation,
];
