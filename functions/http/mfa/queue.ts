import { applicationOut, listMfaQueue } from '#data/applications';
import { getOrganizations } from '#data/organizations';
import { httpHandler, ok } from '#http/handler';
import { mfaQueue } from '#http/routes/mfa';

export const handler = httpHandler(mfaQueue, async ({ query }) => {
  const page = await listMfaQueue(query.status, { limit: query.limit, cursor: query.cursor });
  const orgs = new Map((await getOrganizations(page.items.map((a) => a.organizationId))).map((o) => [o.id, o]));
  return ok({
    data: page.items.map((a) => ({
      ...applicationOut(a),
      organizationName: orgs.get(a.organizationId)?.name.original ?? null,
    })),
    nextCursor: page.nextCursor,
  });
});
