import { getOrganization } from '#data/organizations';
import { httpHandler, ok } from '#http/handler';
import { adminGetOrganization } from '#http/routes/admin-intake';

export const handler = httpHandler(adminGetOrganization, async ({ params }) =>
  ok(await getOrganization(params.organizationId)),
);
