import { jobHandler } from '#jobs/handler';
import { closeWindows } from '#jobs/close-windows';

export const handler = jobHandler('close-windows', closeWindows);
