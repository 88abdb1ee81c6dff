import { z } from 'zod';
import { applicationNumber } from './application-number';
import { auditStamp, id, instant, nonEmpty } from './common';
import { channel } from './person';

export const mfaStatus = z.enum(['not_required', 'pending', 'forwarded', 'returned']);
export type MfaStatus = z.infer<typeof mfaStatus>;

export const applicationInput = z.strictObject({
  /** 3.1, 3.2: sent directly to the CEC, or through the MFA's diplomatic channel. */
  channel,
});

export const application = z.object({
  id,
  electionId: id,
  organizationId: id,
  number: applicationNumber,
  channel,
  status: z.enum(['draft', 'submitted', 'locked']),
  mfaStatus,
  mfaNote: z.string().max(4000).nullable(),
  letter: z.enum(['pending', 'received', 'rejected', 'purged']).optional(),
  personCount: z.number().int().min(0),
  submittedAt: instant.nullable(),
  ...auditStamp,
});
export type Application = z.infer<typeof application>;

export const mfaDecisionInput = z.strictObject({
  outcome: z.enum(['forwarded', 'returned']),
  note: nonEmpty(4000).optional(),
  version: z.number().int().min(1),
});
