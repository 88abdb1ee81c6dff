import { getApplication } from '#data/applications';
import { httpHandler, ok } from '#http/handler';
import { adminGetApplication } from '#http/routes/admin-intake';
import { staffApplicationView } from '#intake/views';

export const handler = httpHandler(adminGetApplication, async ({ params }) =>
  ok(await staffApplicationView(await getApplication(params.applicationId))),
);
