import { httpHandler, ok } from '#http/handler';
import { resolutionDocumentRoute } from '#http/routes/publication';
import { resolutionDocumentLink } from '#pdf/resolution-document-link';

export const handler = httpHandler(resolutionDocumentRoute, async ({ params, now }) =>
  ok(await resolutionDocumentLink(params.resolutionId, now), { 'cache-control': 'no-store' }),
);
