import { z } from 'zod';
import { auditStamp, id, instant, isoDate, nonEmpty } from './common';

/** 2.2: who may invite. */
export const invitingAuthority = z.enum(['president', 'jogorku_kenesh', 'cabinet_of_ministers', 'cec']);
export type InvitingAuthority = z.infer<typeof invitingAuthority>;

export const invitationInput = z.strictObject({
  electionId: id,
  organizationId: id,
  invitingAuthority,
  invitedOn: isoDate,
  /** 2.5: the reference of the MFA's dispatch through diplomatic channels. */
  mfaDispatchRef: nonEmpty(100),
});
export type InvitationInput = z.infer<typeof invitationInput>;

export const invitation = invitationInput.extend({
  id,
  status: z.enum(['active', 'withdrawn']),
  /** When the current access code was issued; the code itself is never stored, only its hash. */
  codeIssuedAt: instant,
  codeGeneration: z.number().int().min(1),
  ...auditStamp,
});
export type Invitation = z.infer<typeof invitation>;

/** 2.3: a non-profit's proposal whom to invite. A proposal is not an invitation. */
export const proposalInput = z.strictObject({
  electionId: id,
  proposerOrganizationId: id,
  proposedOrganizationId: id,
  note: z.string().max(2000).default(''),
});
export type ProposalInput = z.infer<typeof proposalInput>;

export const proposal = proposalInput.extend({
  id,
  status: z.enum(['proposed', 'invited', 'declined']),
  invitationId: id.nullable(),
  ...auditStamp,
});
export type Proposal = z.infer<typeof proposal>;
