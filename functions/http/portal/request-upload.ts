import { created, httpHandler } from '#http/handler';
import { requestPortalUpload } from '#http/routes/portal';
import { portalContext } from '#intake/scope';
import { requestUpload } from '#uploads/request';

export const handler = httpHandler(requestPortalUpload, async ({ principal, params, body, actor, now }) => {
  const ctx = await portalContext(principal, now, { applicationId: params.applicationId, personId: body.personId });
  return created(await requestUpload(ctx, params.applicationId, body, actor, now));
});
