import { getElection, viewOf } from '#data/elections';
import { httpHandler, ok } from '#http/handler';
import { adminGetElection } from '#http/routes/admin-intake';

export const handler = httpHandler(adminGetElection, async ({ params, now }) =>
  ok(viewOf(await getElection(params.electionId), now)),
);
