import { httpHandler, ok } from '#http/handler';
import { resolutionCertificatesRoute } from '#http/routes/publication';
import { printBatchLink } from '#pdf/print-batch';

export const handler = httpHandler(resolutionCertificatesRoute, async ({ params, actor, now }) =>
  ok(await printBatchLink(params.resolutionId, actor, now), { 'cache-control': 'no-store' }),
);
