import { created, httpHandler } from '#http/handler';
import { adminCreateProposal } from '#http/routes/admin-intake';
import { recordProposal } from '#intake/proposals';

export const handler = httpHandler(adminCreateProposal, async ({ body, actor, now }) =>
  created(await recordProposal(body, actor, now)),
);
