import { discardResolution } from '#data/resolutions';
import { httpHandler, ok } from '#http/handler';
import { discardResolutionRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(discardResolutionRoute, async ({ params, actor, now }) =>
  ok(await discardResolution(params.resolutionId, actor, now)),
);
