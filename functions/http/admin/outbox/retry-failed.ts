import { httpHandler, ok } from '#http/handler';
import { retryFailedOutboxRoute } from '#http/routes/publication';
import { requeueFailed } from '#mail/outbox-admin';

export const handler = httpHandler(retryFailedOutboxRoute, async ({ actor, now }) =>
  ok(await requeueFailed(actor, now)),
);
