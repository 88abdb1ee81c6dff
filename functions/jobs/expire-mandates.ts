import { jobHandler } from '#jobs/handler';
import { expireMandates } from '#jobs/expire-mandates';

export const handler = jobHandler('expire-mandates', expireMandates);
