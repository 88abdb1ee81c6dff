/**
 * Issuing invitations and their access codes (2.2, 2.3, 2.5). An invitation may go out only after the
 * calling of the election is officially published (2.2, Art. 10.1) and while accreditation is still
 * possible (3.6). Issuing one creates the organization's access code for that election; reissuing
 * rotates it, and the old code stops working at once.
 */
import { invitationsAllowed, windowClosesAt } from '#domain/calendar';
import { RuleViolationError, ValidationError } from '#domain/errors';
import { compareDates } from '#domain/time';
import { generateAccessCode } from '#data/access-codes';
import { getElection } from '#data/elections';
import { type InvitationRecord, getInvitation, putNewInvitation, rotateInvitationCode } from '#data/invitations';
import { getOrganization } from '#data/organizations';
import type { OutboxMessage } from '#data/outbox';
import { getProposal, proposalInvitedActions } from '#data/proposals';
import type { Actor } from '#schemas/audit';
import type { IssueInvitationInput } from '#schemas/intake';
import type { Organization } from '#schemas/organization';
import { ulid } from 'ulid';
import { config } from '#runtime/config';
import { seal } from '#runtime/sealed';

/** The 'access-code' email (contract with the outbox consumer): the code only ever sealed. */
export function accessCodeMail(org: Organization, inv: InvitationRecord, code: string): OutboxMessage {
  return {
    kind: 'email',
    template: 'access-code',
    to: [org.contactEmail],
    electionId: inv.electionId,
    entityId: inv.id,
    payload: {
      lang: org.preferredLanguage,
      organizationId: org.id,
      electionId: inv.electionId,
      invitationId: inv.id,
      sealedCode: seal(code),
      portalUrl: config().portalUrl,
    },
  };
}

export interface IssuedInvitation {
  invitation: InvitationRecord;
  sentTo: string[];
}

export async function issueInvitation(input: IssueInvitationInput, actor: Actor, now: Date): Promise<IssuedInvitation> {
  const [election, org, proposal] = await Promise.all([
    getElection(input.electionId),
    getOrganization(input.organizationId),
    input.proposalId ? getProposal(input.proposalId) : Promise.resolve(undefined),
  ]);
  // 2.2, Art. 10.1: nothing goes out before the calling of the election is officially published.
  if (!invitationsAllowed(election, now)) {
    throw new RuleViolationError(
      `invitations may be sent only after the decision calling the election is officially published, from ${election.calledOn} (2.2, Art. 10.1)`,
      'CALLING_NOT_PUBLISHED',
      '2.2',
    );
  }
  // 3.6: once the window has closed nobody can be accredited, so an invitation would be empty.
  if (now.getTime() >= windowClosesAt(election).getTime()) {
    throw new RuleViolationError(
      `the accreditation window closed at ${windowClosesAt(election).toISOString()} (3.6): no new invitations`,
      'WINDOW_CLOSED',
      '3.6',
    );
  }
  if (compareDates(input.invitedOn, election.calledOn) < 0) {
    throw new ValidationError([
      {
        field: 'invitedOn',
        rule: `cannot be earlier than the day the calling was published, ${election.calledOn} (2.2)`,
      },
    ]);
  }
  // 1.3, 2.3: a non-profit proposes whom to invite; it sends no observers itself.
  if (org.type === 'non_profit_proposer') {
    throw new RuleViolationError(
      `organization ${org.id} is a non-profit proposer: it may propose whom to invite (2.3) but is not invited to send observers (1.3)`,
      'NOT_INVITABLE',
      '2.3',
    );
  }
  if (
    proposal &&
    (proposal.electionId !== input.electionId || proposal.proposedOrganizationId !== input.organizationId)
  ) {
    throw new ValidationError([
      { field: 'proposalId', rule: 'must be a proposal of this organization for this election (2.3)' },
    ]);
  }
  const at = now.toISOString();
  const id = ulid(now.getTime());
  const invitation: InvitationRecord = {
    id,
    electionId: input.electionId,
    organizationId: input.organizationId,
    invitingAuthority: input.invitingAuthority,
    invitedOn: input.invitedOn,
    mfaDispatchRef: input.mfaDispatchRef,
    status: 'active',
    codeIssuedAt: at,
    codeGeneration: 1,
    proposalId: proposal?.id ?? null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const code = generateAccessCode(id);
  const mail = accessCodeMail(org, invitation, code.code);
  await putNewInvitation(
    invitation,
    code.hash,
    mail,
    actor,
    now,
    proposal ? proposalInvitedActions(proposal, id, actor, now) : [],
  );
  return { invitation, sentTo: mail.to ?? [] };
}

/** 2.5: a new access code for the invitation; the previous one stops working immediately. */
export async function reissueAccessCode(invitationId: string, actor: Actor, now: Date): Promise<IssuedInvitation> {
  const before = await getInvitation(invitationId);
  if (before.status !== 'active') {
    throw new RuleViolationError(
      `invitation ${invitationId} is ${before.status}: no access code`,
      'INVITATION_INACTIVE',
    );
  }
  const org = await getOrganization(before.organizationId);
  const code = generateAccessCode(before.id);
  const mail = accessCodeMail(org, before, code.code);
  const after = await rotateInvitationCode(before, code.hash, mail, actor, now);
  return { invitation: after, sentTo: mail.to ?? [] };
}
