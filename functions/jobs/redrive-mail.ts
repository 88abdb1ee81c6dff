import { jobHandler } from '#jobs/handler';
import { redriveMail } from '#mail/redrive';

export const handler = jobHandler('redrive-mail', redriveMail);
