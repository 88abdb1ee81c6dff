import { httpHandler, ok } from '#http/handler';
import { listOutboxRoute } from '#http/routes/publication';
import { outboxList } from '#mail/outbox-admin';

export const handler = httpHandler(listOutboxRoute, async ({ query }) =>
  ok(await outboxList(query.status ?? 'failed', { limit: query.limit, cursor: query.cursor }), {
    'cache-control': 'no-store',
  }),
);
