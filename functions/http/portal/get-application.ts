import { httpHandler, ok } from '#http/handler';
import { getPortalApplication } from '#http/routes/portal';
import { ownApplication, portalContext } from '#intake/scope';
import { portalApplicationView } from '#intake/views';

export const handler = httpHandler(getPortalApplication, async ({ principal, params, now }) => {
  const ctx = await portalContext(principal, now, { applicationId: params.applicationId });
  return ok(await portalApplicationView(await ownApplication(ctx, params.applicationId)));
});
