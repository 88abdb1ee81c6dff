import { getProposal } from '#data/proposals';
import { httpHandler, ok } from '#http/handler';
import { adminGetProposal } from '#http/routes/admin-intake';

export const handler = httpHandler(adminGetProposal, async ({ params }) => ok(await getProposal(params.proposalId)));
