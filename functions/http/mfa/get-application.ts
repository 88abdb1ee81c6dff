import { NotFoundError } from '#domain/errors';
import { getApplication } from '#data/applications';
import { httpHandler, ok } from '#http/handler';
import { mfaGetApplication } from '#http/routes/mfa';
import { staffApplicationView } from '#intake/views';

export const handler = httpHandler(mfaGetApplication, async ({ params }) => {
  const app = await getApplication(params.applicationId);
  // 3.2: the MFA sees only what came through the diplomatic channel.
  if (app.channel !== 'mfa') throw new NotFoundError('application', params.applicationId);
  return ok(await staffApplicationView(app));
});
