import { getElection, viewOf } from '#data/elections';
import { httpHandler, ok } from '#http/handler';
import { getPublicElection } from '#http/routes/public';

export const handler = httpHandler(getPublicElection, async ({ params, now }) => {
  const { createdAt: _c, updatedAt: _u, version: _v, ...view } = viewOf(await getElection(params.electionId), now);
  return ok(view, { 'cache-control': 'public, max-age=60' });
});
