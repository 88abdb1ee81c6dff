import { created, httpHandler } from '#http/handler';
import { addPortalRepresentative } from '#http/routes/portal';
import { addRepresentative } from '#intake/applications';
import { portalContext } from '#intake/scope';
import { portalPersonView } from '#intake/views';

export const handler = httpHandler(addPortalRepresentative, async ({ principal, params, body, actor, now }) => {
  const ctx = await portalContext(principal, now, { applicationId: params.applicationId });
  const person = await addRepresentative(ctx, params.applicationId, body, actor, now);
  return created(portalPersonView(person, new Map()));
});
