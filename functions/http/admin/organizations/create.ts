import { createOrganization } from '#data/organizations';
import { created, httpHandler } from '#http/handler';
import { adminCreateOrganization } from '#http/routes/admin-intake';

export const handler = httpHandler(adminCreateOrganization, async ({ body, actor, now }) =>
  created(await createOrganization(body, actor, now)),
);
