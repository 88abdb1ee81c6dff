import { applicationOut, listApplicationsOfElection, listApplicationsOfOrganization } from '#data/applications';
import { httpHandler, ok } from '#http/handler';
import { adminListApplications } from '#http/routes/admin-intake';

export const handler = httpHandler(adminListApplications, async ({ params, query }) => {
  const opts = { limit: query.limit, cursor: query.cursor };
  const page = query.organizationId
    ? await listApplicationsOfOrganization(params.electionId, query.organizationId, opts)
    : await listApplicationsOfElection(params.electionId, opts);
  return ok({ data: page.items.map(applicationOut), nextCursor: page.nextCursor });
});
