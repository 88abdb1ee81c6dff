import { listResolutions } from '#data/resolutions';
import { httpHandler, ok } from '#http/handler';
import { listResolutionsRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(listResolutionsRoute, async ({ params, query }) => {
  const page = await listResolutions(params.electionId, {
    limit: query.limit,
    cursor: query.cursor,
    status: query.filter?.status,
    kind: query.filter?.kind,
  });
  return ok({ data: page.items, nextCursor: page.nextCursor });
});
