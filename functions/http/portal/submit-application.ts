import { httpHandler, ok } from '#http/handler';
import { submitPortalApplication } from '#http/routes/portal';
import { submitApplication } from '#intake/submit';
import { portalApplicationViewOf } from '#intake/views';

export const handler = httpHandler(submitPortalApplication, async ({ principal, params, actor, now }) => {
  const { application, people, documents } = await submitApplication(principal, params.applicationId, actor, now);
  return ok(portalApplicationViewOf(application, people, documents));
});
