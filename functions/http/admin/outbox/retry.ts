import { httpHandler, ok } from '#http/handler';
import { retryOutboxRoute } from '#http/routes/publication';
import { requeueOutbox } from '#mail/outbox-admin';

export const handler = httpHandler(retryOutboxRoute, async ({ params, actor, now }) =>
  ok(await requeueOutbox(params.id, actor, now)),
);
