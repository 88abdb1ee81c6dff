import { personDetail } from '#decisions/people';
import { withNames } from '#data/audit-names';
import { httpHandler, ok } from '#http/handler';
import { getPersonDetail } from '#http/routes/admin-decisions';

export const handler = httpHandler(getPersonDetail, async ({ params, actor, now }) => {
  const detail = await personDetail(params.personId, actor, now);
  // The history names the organizations that acted, not their ids (shared/data/audit-names.ts).
  const named = await withNames(detail.history.map((h) => ({ ...h, entityType: 'person', entityId: params.personId })));
  const history = named.map(({ entityType: _t, entityId: _i, ...h }) => h);
  // Presigned links are personal data: never cached.
  return ok({ ...detail, history }, { 'cache-control': 'no-store' });
});
