import { publishedPage } from '#data/published';
import { httpHandler, ok } from '#http/handler';
import { listPublicObservers } from '#http/routes/publication';

export const handler = httpHandler(listPublicObservers, async ({ params, query }) =>
  ok(await publishedPage(params.electionId, query), { 'cache-control': 'public, max-age=60' }),
);
