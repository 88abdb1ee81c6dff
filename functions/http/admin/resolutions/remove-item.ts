import { removeItem } from '#decisions/composition';
import { httpHandler, ok } from '#http/handler';
import { removeResolutionItemRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(removeResolutionItemRoute, async ({ params, principal, actor, now }) =>
  ok(
    await removeItem(params.resolutionId, params.personId, actor, now, {
      // Dropping an item from an adoption in progress changes an act being applied: cec-admin only.
      allowDuringAdoption: principal.kind === 'staff' && principal.groups.includes('cec-admin'),
    }),
  ),
);
