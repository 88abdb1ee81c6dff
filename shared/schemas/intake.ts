/**
 * Schemas of the staff side of intake (/v1/admin): organizations, invitations (2.2, 2.5), proposals
 * (2.3), applications and revocation requests (4.7 b) as the CEC's staff read and write them.
 */
import { z } from 'zod';
import { application } from './application';
import { auditStamp, id, instant, listQuery, nonEmpty } from './common';
import { invitation, invitationInput } from './invitation';
import { personStatus } from './person';

/** A page of a list: `limit` and `cursor` as react-admin's data provider sends them. */
export const pageQuery = listQuery.pick({ limit: true, cursor: true });

export const electionIdParams = z.strictObject({ electionId: id });
export const organizationIdParams = z.strictObject({ organizationId: id });
export const invitationIdParams = z.strictObject({ invitationId: id });
export const proposalIdParams = z.strictObject({ proposalId: id });
export const applicationIdParams = z.strictObject({ applicationId: id });

/** `ids=A,B,C` fetches those organizations at once (react-admin's getMany), otherwise a page by name. */
export const organizationListQuery = pageQuery.extend({
  ids: z
    .string()
    .max(27 * 100)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(id).max(100, 'at most 100 ids at once'))
    .optional(),
});

export const applicationListQuery = pageQuery.extend({ organizationId: id.optional() });

/** An invitation as staff see it: never the access code, nor its hash (2.5). */
export const invitationView = invitation.extend({ proposalId: id.nullable().optional() });
export type InvitationView = z.infer<typeof invitationView>;

/** POST /v1/admin/invitations: optionally turning a proposal (2.3) into the invitation. */
export const issueInvitationInput = invitationInput.extend({ proposalId: id.optional() });
export type IssueInvitationInput = z.infer<typeof issueInvitationInput>;

/** POST /v1/admin/proposals/{id}/invite: the proposal gives election and organization. */
export const inviteFromProposalInput = invitationInput.omit({ electionId: true, organizationId: true });

export const declineProposalInput = z.strictObject({
  note: nonEmpty(2000),
  version: z.number().int().min(1),
});

export const issuedInvitation = z.object({
  invitation: invitationView,
  /** Where the access code went; the code itself only travels by email. */
  sentTo: z.array(z.string()),
});

/** One person as a line of an application, for staff. */
export const applicationPersonLine = z.object({
  id,
  familyNameLatin: z.string(),
  givenNamesLatin: z.string(),
  citizenship: z.string(),
  role: z.string(),
  status: personStatus,
  flags: z.array(z.string()),
  documents: z.record(z.string(), z.string()),
  version: z.number().int(),
});

export const applicationDetail = application.extend({
  people: z.array(applicationPersonLine),
  documents: z.record(
    z.string(),
    z.object({
      state: z.string(),
      rejectionReason: z.string().nullable(),
      rejectionCode: z.string().nullable(),
      uploadedAt: instant.nullable(),
    }),
  ),
});

export const revocationRequest = z.object({
  id,
  electionId: id,
  organizationId: id,
  applicationId: id,
  personId: id,
  text: z.string(),
  status: z.enum(['received']),
  ...auditStamp,
});
export type RevocationRequest = z.infer<typeof revocationRequest>;
