import { applicationOut } from '#data/applications';
import { created, httpHandler } from '#http/handler';
import { createPortalApplication } from '#http/routes/portal';
import { createApplication } from '#intake/applications';
import { portalContext } from '#intake/scope';

export const handler = httpHandler(createPortalApplication, async ({ principal, body, actor, now }) => {
  const ctx = await portalContext(principal, now);
  const { organizationCountry: _c, ...app } = applicationOut(await createApplication(ctx, body.channel, actor, now));
  return created(app);
});
