/**
 * Scheduled redrive of the outbox (design principle 5): letters parked as failed because SES was
 * unreachable or throttling are put back to pending every quarter of an hour, up to 12 rounds (3 hours),
 * so an outage ends with every letter sent and nobody has to press a button. Letters that failed for a
 * reason of their own (a bad address, a missing record) stay for staff at GET /v1/admin/outbox.
 */
import { systemActor } from '#data/audit';
import { requeueFailed } from '#mail/outbox-admin';
import { clock } from '#runtime/clock';
import { logger } from '#runtime/logger';

export const REDRIVE_MAX_ROUNDS = 12;

export const handler = async () => {
  const actor = systemActor('outbox-redrive');
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const { requeued, more } = await requeueFailed(actor, clock.now(), {
      transientOnly: true,
      maxRetries: REDRIVE_MAX_ROUNDS,
    });
    total += requeued;
    if (!more || requeued === 0) break;
  }
  logger.info('outbox redrive', { requeued: total });
  return { requeued: total };
};
