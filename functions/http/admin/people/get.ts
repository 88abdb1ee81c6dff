import { personDetail } from '#decisions/people';
import { httpHandler, ok } from '#http/handler';
import { getPersonDetail } from '#http/routes/admin-decisions';

export const handler = httpHandler(getPersonDetail, async ({ params, actor, now }) =>
  // Presigned links are personal data: never cached.
  ok(await personDetail(params.personId, actor, now), { 'cache-control': 'no-store' }),
);
