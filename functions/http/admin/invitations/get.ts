import { getInvitation } from '#data/invitations';
import { httpHandler, ok } from '#http/handler';
import { adminGetInvitation } from '#http/routes/admin-intake';

export const handler = httpHandler(adminGetInvitation, async ({ params }) =>
  ok(await getInvitation(params.invitationId)),
);
