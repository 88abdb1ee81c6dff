/**
 * EventBridge Scheduler sample inputs, one per schedule row: `{ job, scheduledAt }`, as the CDK stack's
 * target input sends them (`<aws.scheduler.scheduled-time>`) and the twin's clock does. Fresh copies.
 */
import { readFileSync } from 'node:fs';

export interface SchedulerInput {
  job: string;
  scheduledAt: string;
}

export function schedulerEvent(
  name: 'close-windows' | 'expire-mandates' | 'remind-organizations' | 'purge-documents',
  scheduledAt?: string,
): SchedulerInput {
  const event = JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as SchedulerInput;
  return scheduledAt ? { ...event, scheduledAt } : event;
}
