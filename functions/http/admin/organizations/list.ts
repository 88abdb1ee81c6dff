import { getOrganizations, listOrganizations } from '#data/organizations';
import { httpHandler, ok } from '#http/handler';
import { adminListOrganizations } from '#http/routes/admin-intake';

export const handler = httpHandler(adminListOrganizations, async ({ query }) => {
  if (query.ids) return ok({ data: await getOrganizations(query.ids), nextCursor: null });
  const page = await listOrganizations({ limit: query.limit, cursor: query.cursor });
  return ok({ data: page.items, nextCursor: page.nextCursor });
});
