import { jobHandler } from '#jobs/handler';
import { purgeDocuments } from '#jobs/purge-documents';

export const handler = jobHandler('purge-documents', (ctx) => purgeDocuments(ctx));
