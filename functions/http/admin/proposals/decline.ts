import { declineProposal } from '#data/proposals';
import { httpHandler, ok } from '#http/handler';
import { adminDeclineProposal } from '#http/routes/admin-intake';

export const handler = httpHandler(adminDeclineProposal, async ({ params, body, actor, now }) =>
  ok(await declineProposal(params.proposalId, body, actor, now)),
);
