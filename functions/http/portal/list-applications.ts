import { applicationOut, listApplicationsOfOrganization } from '#data/applications';
import { httpHandler, ok } from '#http/handler';
import { listPortalApplications } from '#http/routes/portal';
import { portalContext } from '#intake/scope';

export const handler = httpHandler(listPortalApplications, async ({ principal, query, now }) => {
  const ctx = await portalContext(principal, now);
  const page = await listApplicationsOfOrganization(ctx.election.id, ctx.organization.id, {
    limit: query.limit,
    cursor: query.cursor,
  });
  return ok({
    data: page.items.map((a) => {
      const { organizationCountry: _c, ...rest } = applicationOut(a);
      return rest;
    }),
    nextCursor: page.nextCursor,
  });
});
