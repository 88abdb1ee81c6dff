/** Schemas of the MFA step (3.2): the queue of applications sent through the MFA and its decision. */
import type { z } from 'zod';
import { mfaDecisionInput, mfaStatus } from './application';
import { listQuery } from './common';

export const mfaQueueQuery = listQuery.pick({ limit: true, cursor: true }).extend({
  /** Which part of the queue: waiting for the check (default), forwarded to the CEC, or returned. */
  status: mfaStatus.exclude(['not_required']).default('pending'),
});

/** 3.2: returning documents to the organization needs a note saying what to fix. */
export const mfaDecision = mfaDecisionInput.superRefine((value, ctx) => {
  if (value.outcome === 'returned' && !value.note) {
    ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required when returning an application (3.2)' });
  }
});
export type MfaDecision = z.infer<typeof mfaDecision>;
