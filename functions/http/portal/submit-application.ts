import { httpHandler, ok } from '#http/handler';
import { submitPortalApplication } from '#http/routes/portal';
import { submitApplication } from '#intake/submit';
import { submittedView } from '#intake/views';

export const handler = httpHandler(submitPortalApplication, async ({ principal, params, actor, now }) => {
  const { application, people, submitted } = await submitApplication(principal, params.applicationId, actor, now);
  return ok(submittedView(application, people, submitted));
});
