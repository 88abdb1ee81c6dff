import { jobHandler } from '#jobs/handler';
import { remindOrganizations } from '#jobs/remind-organizations';

export const handler = jobHandler('remind-organizations', remindOrganizations);
