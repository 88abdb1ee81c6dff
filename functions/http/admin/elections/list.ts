import { listElections, viewOf } from '#data/elections';
import { httpHandler, ok } from '#http/handler';
import { adminListElections } from '#http/routes/admin-intake';

export const handler = httpHandler(adminListElections, async ({ query, now }) => {
  const page = await listElections({ limit: query.limit, cursor: query.cursor });
  return ok({ data: page.items.map((e) => viewOf(e, now)), nextCursor: page.nextCursor });
});
