import { ForbiddenError } from '#domain/errors';
import { httpHandler, ok } from '#http/handler';
import { downloadCertificateRoute } from '#http/routes/publication';
import { certificateDownloadLink } from '#pdf/download';

export const handler = httpHandler(downloadCertificateRoute, async ({ params, principal, actor, now }) => {
  if (principal.kind !== 'portal') throw new ForbiddenError('this route is for the portal session of an organization');
  return ok(await certificateDownloadLink(principal, params.personId, actor, now), { 'cache-control': 'no-store' });
});
