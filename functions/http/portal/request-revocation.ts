import { created, httpHandler } from '#http/handler';
import { requestPortalRevocation } from '#http/routes/portal';
import { requestRevocation } from '#intake/requests';
import { portalContext } from '#intake/scope';

export const handler = httpHandler(requestPortalRevocation, async ({ principal, params, body, actor, now }) => {
  const ctx = await portalContext(principal, now, { personId: params.personId });
  return created(await requestRevocation(ctx, params.personId, body.text, actor, now));
});
