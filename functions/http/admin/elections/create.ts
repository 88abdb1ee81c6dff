import { createElection } from '#data/elections';
import { created, httpHandler } from '#http/handler';
import { adminCreateElection } from '#http/routes/admin-intake';

export const handler = httpHandler(adminCreateElection, async ({ body, actor, now }) =>
  created(await createElection(body, actor, now)),
);
