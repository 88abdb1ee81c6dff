/**
 * The MFA step (3.2): MFA officers see the applications that came through the diplomatic channel,
 * check them and forward them to the CEC or return them with a note. The CEC's administrators may look
 * at the queue; the decision is the MFA's alone, which is what makes the gate of 3.2 meaningful.
 */
import { z } from 'zod';
import { application } from '#schemas/application';
import { page } from '#schemas/common';
import { applicationDetail, applicationIdParams } from '#schemas/intake';
import { mfaDecision, mfaQueueQuery } from '#schemas/mfa';
import { MFA, defineRoute } from '../route';

const TAG = 'mfa';

export const mfaQueue = defineRoute({
  method: 'GET',
  path: '/v1/admin/mfa/queue',
  handler: 'http/mfa/queue',
  access: { kind: 'staff', groups: MFA },
  summary: 'Applications sent through the MFA: waiting for the check (default), forwarded, or returned (3.2)',
  tag: TAG,
  query: mfaQueueQuery,
  response: page(application.extend({ organizationName: z.string().nullable() })),
});

export const mfaGetApplication = defineRoute({
  method: 'GET',
  path: '/v1/admin/mfa/applications/{applicationId}',
  handler: 'http/mfa/get-application',
  access: { kind: 'staff', groups: MFA },
  summary: 'One application sent through the MFA, with its people and document states (3.2)',
  tag: TAG,
  params: applicationIdParams,
  response: applicationDetail,
});

export const mfaDecide = defineRoute({
  method: 'POST',
  path: '/v1/admin/mfa/applications/{applicationId}/decision',
  handler: 'http/mfa/decide',
  access: { kind: 'staff', groups: ['mfa-officer'] },
  summary: 'Checked and forwarded to the CEC, or returned to the organization with a note (3.2)',
  tag: TAG,
  params: applicationIdParams,
  body: mfaDecision,
  response: applicationDetail,
  maxBodyBytes: 16 * 1024,
});

export const mfaRoutes = [mfaQueue, mfaGetApplication, mfaDecide];
