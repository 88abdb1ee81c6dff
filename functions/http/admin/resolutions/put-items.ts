import { setItems } from '#decisions/composition';
import { httpHandler, ok } from '#http/handler';
import { putResolutionItemsRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(putResolutionItemsRoute, async ({ params, body, actor, now }) =>
  ok(await setItems(params.resolutionId, body.items, actor, now)),
);
