import { httpHandler, ok } from '#http/handler';
import { mfaDecide } from '#http/routes/mfa';
import { decideMfa } from '#intake/mfa';
import { staffApplicationView } from '#intake/views';

export const handler = httpHandler(mfaDecide, async ({ params, body, actor, now }) => {
  const { application } = await decideMfa(params.applicationId, body, actor, now);
  return ok(await staffApplicationView(application));
});
