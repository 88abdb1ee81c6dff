import { createDraft } from '#decisions/composition';
import { created, httpHandler } from '#http/handler';
import { createResolutionRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(createResolutionRoute, async ({ params, body, actor, now }) =>
  created(await createDraft(params.electionId, body, actor, now)),
);
