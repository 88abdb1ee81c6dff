import { created, httpHandler } from '#http/handler';
import { createPortalSession } from '#http/routes/portal';
import { exchangeAccessCode } from '#intake/portal-access';

export const handler = httpHandler(createPortalSession, async ({ body, now, sourceIp }) =>
  created(await exchangeAccessCode(body.accessCode, now, sourceIp)),
);
