import { reviewPerson } from '#decisions/people';
import { httpHandler, ok } from '#http/handler';
import { reviewPersonRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(reviewPersonRoute, async ({ params, body, actor, now }) =>
  ok(await reviewPerson(params.personId, body, actor, now)),
);
