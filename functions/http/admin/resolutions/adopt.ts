import { adoptResolution } from '#decisions/adoption';
import { httpHandler, ok } from '#http/handler';
import { adoptResolutionRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(adoptResolutionRoute, async ({ params, actor, clock }) =>
  ok(await adoptResolution(params.resolutionId, actor, clock)),
);
