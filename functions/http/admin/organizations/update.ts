import { updateOrganization } from '#data/organizations';
import { httpHandler, ok } from '#http/handler';
import { adminUpdateOrganization } from '#http/routes/admin-intake';

export const handler = httpHandler(adminUpdateOrganization, async ({ params, body, actor, now }) =>
  ok(await updateOrganization(params.organizationId, body, actor, now)),
);
