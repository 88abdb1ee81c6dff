import { httpHandler, ok } from '#http/handler';
import { outboxTroubleRoute } from '#http/routes/publication';
import { outboxTrouble } from '#mail/outbox-admin';

export const handler = httpHandler(outboxTroubleRoute, async () =>
  ok(await outboxTrouble(), { 'cache-control': 'no-store' }),
);
