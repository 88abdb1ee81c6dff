import { getResolution, itemViews, listItems } from '#data/resolutions';
import { httpHandler, ok } from '#http/handler';
import { getResolutionRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(getResolutionRoute, async ({ params, query }) => {
  const resolution = await getResolution(params.resolutionId);
  const items = await listItems(params.resolutionId, { limit: query.limit, cursor: query.cursor });
  return ok({ ...resolution, items: await itemViews(items.items), nextCursor: items.nextCursor });
});
