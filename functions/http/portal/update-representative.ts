import { getDocuments } from '#data/documents';
import { httpHandler, ok } from '#http/handler';
import { updatePortalRepresentative } from '#http/routes/portal';
import { updateRepresentative } from '#intake/applications';
import { portalContext } from '#intake/scope';
import { portalPersonView } from '#intake/views';

export const handler = httpHandler(updatePortalRepresentative, async ({ principal, params, body, actor, now }) => {
  const ctx = await portalContext(principal, now, { applicationId: params.applicationId, personId: params.personId });
  const person = await updateRepresentative(ctx, params.applicationId, params.personId, body, actor, now);
  const docs = await getDocuments([
    { kind: 'passport', ownerId: person.id },
    { kind: 'photo', ownerId: person.id },
  ]);
  return ok(portalPersonView(person, docs));
});
