import { created, httpHandler } from '#http/handler';
import { adminIssueInvitation } from '#http/routes/admin-intake';
import { issueInvitation } from '#intake/invitations';

export const handler = httpHandler(adminIssueInvitation, async ({ body, actor, now }) =>
  created(await issueInvitation(body, actor, now)),
);
