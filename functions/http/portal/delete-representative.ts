import { httpHandler, noContent } from '#http/handler';
import { deletePortalRepresentative } from '#http/routes/portal';
import { deleteRepresentative } from '#intake/applications';
import { portalContext } from '#intake/scope';

export const handler = httpHandler(deletePortalRepresentative, async ({ principal, params, actor, now }) => {
  const ctx = await portalContext(principal, now, { applicationId: params.applicationId, personId: params.personId });
  await deleteRepresentative(ctx, params.applicationId, params.personId, actor, now);
  return noContent();
});
