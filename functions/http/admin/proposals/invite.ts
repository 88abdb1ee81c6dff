import { created, httpHandler } from '#http/handler';
import { adminInviteFromProposal } from '#http/routes/admin-intake';
import { inviteFromProposal } from '#intake/proposals';

export const handler = httpHandler(adminInviteFromProposal, async ({ params, body, actor, now }) =>
  created(await inviteFromProposal(params.proposalId, body, actor, now)),
);
