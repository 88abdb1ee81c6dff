import { editDraft } from '#decisions/composition';
import { httpHandler, ok } from '#http/handler';
import { updateResolutionRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(updateResolutionRoute, async ({ params, body, actor, now }) =>
  ok(await editDraft(params.resolutionId, body, actor, now)),
);
