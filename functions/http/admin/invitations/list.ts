import { listInvitationsOfElection } from '#data/invitations';
import { httpHandler, ok } from '#http/handler';
import { adminListInvitations } from '#http/routes/admin-intake';

export const handler = httpHandler(adminListInvitations, async ({ params, query }) => {
  const page = await listInvitationsOfElection(params.electionId, { limit: query.limit, cursor: query.cursor });
  return ok({ data: page.items, nextCursor: page.nextCursor });
});
