import { publishedSummary } from '#data/published-summary';
import { httpHandler, ok } from '#http/handler';
import { publishedSummaryRoute } from '#http/routes/publication';

export const handler = httpHandler(publishedSummaryRoute, async ({ params, now }) =>
  ok(await publishedSummary(params.electionId, now), { 'cache-control': 'public, max-age=60' }),
);
