import { applicationOut } from '#data/applications';
import { httpHandler, ok } from '#http/handler';
import { updatePortalApplication } from '#http/routes/portal';
import { changeChannel } from '#intake/applications';
import { portalContext } from '#intake/scope';

export const handler = httpHandler(updatePortalApplication, async ({ principal, params, body, actor, now }) => {
  const ctx = await portalContext(principal, now, { applicationId: params.applicationId });
  const { organizationCountry: _c, ...app } = applicationOut(
    await changeChannel(ctx, params.applicationId, body, actor, now),
  );
  return ok(app);
});
