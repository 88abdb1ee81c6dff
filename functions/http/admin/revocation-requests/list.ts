import { httpHandler, ok } from '#http/handler';
import { adminListRevocationRequests } from '#http/routes/admin-intake';
import { listRevocationRequests } from '#intake/requests';

export const handler = httpHandler(adminListRevocationRequests, async ({ params, query }) => {
  const page = await listRevocationRequests(params.electionId, { limit: query.limit, cursor: query.cursor });
  return ok({ data: page.items, nextCursor: page.nextCursor });
});
