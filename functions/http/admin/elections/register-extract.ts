import { httpHandler, ok } from '#http/handler';
import { registerExtractRoute } from '#http/routes/publication';
import { registerExtractLink } from '#pdf/register-extract';

export const handler = httpHandler(registerExtractRoute, async ({ params, query, actor, now }) =>
  ok(await registerExtractLink(params.electionId, { resolutionId: query.resolutionId }, actor, now), {
    'cache-control': 'no-store',
  }),
);
