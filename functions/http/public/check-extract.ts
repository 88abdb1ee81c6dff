import { httpHandler, ok } from '#http/handler';
import { checkExtractRoute } from '#http/routes/publication';
import { checkExtract } from '#pdf/register-extract-check';

export const handler = httpHandler(checkExtractRoute, async ({ params, query }) =>
  ok(await checkExtract(params.electionId, params.extractId, query.sig), { 'cache-control': 'no-store' }),
);
