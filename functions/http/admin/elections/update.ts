import { updateElection } from '#data/elections';
import { httpHandler, ok } from '#http/handler';
import { adminUpdateElection } from '#http/routes/admin-intake';

export const handler = httpHandler(adminUpdateElection, async ({ params, body, actor, now }) =>
  ok(await updateElection(params.electionId, body, actor, now)),
);
