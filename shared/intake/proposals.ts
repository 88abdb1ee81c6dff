/** Recording invitation proposals (2.3) and turning them into invitations. */
import { RuleViolationError } from '#domain/errors';
import { getElection } from '#data/elections';
import { getOrganization } from '#data/organizations';
import { type ProposalRecord, createProposal, getProposal } from '#data/proposals';
import type { Actor } from '#schemas/audit';
import type { ProposalInput } from '#schemas/invitation';
import { type IssuedInvitation, issueInvitation } from './invitations';

export async function recordProposal(input: ProposalInput, actor: Actor, now: Date): Promise<ProposalRecord> {
  const [, proposer] = await Promise.all([
    getElection(input.electionId),
    getOrganization(input.proposerOrganizationId),
    getOrganization(input.proposedOrganizationId),
  ]);
  // 2.3: proposals come from non-profits specialised in elections or human rights.
  if (proposer.type !== 'non_profit_proposer') {
    throw new RuleViolationError(
      `organization ${proposer.id} is not recorded as a non-profit proposer: only such organizations propose whom to invite (2.3)`,
      'NOT_A_PROPOSER',
      '2.3',
    );
  }
  return createProposal(input, actor, now);
}

export async function inviteFromProposal(
  proposalId: string,
  input: {
    invitingAuthority: 'president' | 'jogorku_kenesh' | 'cabinet_of_ministers' | 'cec';
    invitedOn: string;
    mfaDispatchRef: string;
  },
  actor: Actor,
  now: Date,
): Promise<IssuedInvitation> {
  const proposal = await getProposal(proposalId);
  if (proposal.status !== 'proposed') {
    throw new RuleViolationError(
      `proposal ${proposalId} is already ${proposal.status} (2.3)`,
      'PROPOSAL_CLOSED',
      '2.3',
    );
  }
  return issueInvitation(
    {
      ...input,
      electionId: proposal.electionId,
      organizationId: proposal.proposedOrganizationId,
      proposalId,
    },
    actor,
    now,
  );
}
