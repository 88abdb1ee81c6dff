import { httpHandler, ok } from '#http/handler';
import { adminReissueAccessCode } from '#http/routes/admin-intake';
import { reissueAccessCode } from '#intake/invitations';

export const handler = httpHandler(adminReissueAccessCode, async ({ params, actor, now }) =>
  ok(await reissueAccessCode(params.invitationId, actor, now)),
);
