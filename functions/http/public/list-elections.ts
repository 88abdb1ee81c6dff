import { listElections, viewOf } from '#data/elections';
import { httpHandler, ok } from '#http/handler';
import { listPublicElections } from '#http/routes/public';

export const handler = httpHandler(listPublicElections, async ({ query, now }) => {
  const page = await listElections({ limit: query.limit, cursor: query.cursor });
  return ok({
    data: page.items.map((e) => {
      const { createdAt: _c, updatedAt: _u, version: _v, ...view } = viewOf(e, now);
      return view;
    }),
    nextCursor: page.nextCursor,
  });
});
