import { httpHandler, ok } from '#http/handler';
import { verifyCertificateRoute } from '#http/routes/publication';
import { checkCertificate } from '#pdf/check';

export const handler = httpHandler(verifyCertificateRoute, async ({ params, query, now }) =>
  // A revocation takes effect at once: the answer is never cached.
  ok(await checkCertificate(params.electionId, params.number, query.sig, now), { 'cache-control': 'no-store' }),
);
