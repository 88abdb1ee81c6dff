import { httpHandler, ok } from '#http/handler';
import { submitPortalApplication } from '#http/routes/portal';
import { portalContext } from '#intake/scope';
import { submitApplication } from '#intake/submit';
import { portalApplicationView } from '#intake/views';

export const handler = httpHandler(submitPortalApplication, async ({ principal, params, actor, now }) => {
  const ctx = await portalContext(principal, now);
  const { application, people } = await submitApplication(ctx, params.applicationId, actor, now);
  return ok(await portalApplicationView(application, people));
});
