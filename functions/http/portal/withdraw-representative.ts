import { getDocuments } from '#data/documents';
import { httpHandler, ok } from '#http/handler';
import { withdrawPortalRepresentative } from '#http/routes/portal';
import { withdrawRepresentative } from '#intake/requests';
import { portalContext } from '#intake/scope';
import { portalPersonView } from '#intake/views';

export const handler = httpHandler(withdrawPortalRepresentative, async ({ principal, params, actor, now }) => {
  const ctx = await portalContext(principal, now, { personId: params.personId });
  const person = await withdrawRepresentative(ctx, params.personId, actor, now);
  const docs = await getDocuments([
    { kind: 'passport', ownerId: person.id },
    { kind: 'photo', ownerId: person.id },
  ]);
  return ok(portalPersonView(person, docs));
});
