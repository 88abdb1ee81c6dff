import { listProposalsOfElection } from '#data/proposals';
import { httpHandler, ok } from '#http/handler';
import { adminListProposals } from '#http/routes/admin-intake';

export const handler = httpHandler(adminListProposals, async ({ params, query }) => {
  const page = await listProposalsOfElection(params.electionId, { limit: query.limit, cursor: query.cursor });
  return ok({ data: page.items, nextCursor: page.nextCursor });
});
