import { httpHandler, ok } from '#http/handler';
import { openApiDocument } from '#http/openapi';
import { getOpenApi } from '#http/routes/public';

let document: unknown;

export const handler = httpHandler(getOpenApi, async () => {
  document ??= openApiDocument();
  return ok(document, { 'cache-control': 'public, max-age=300' });
});
