import { z } from 'zod';
import { instant } from './common';

/** Who did something: a staff member (Cognito subject), an organization's portal session, or a job. */
export const actor = z.object({
  kind: z.enum(['staff', 'organization', 'system', 'public']),
  id: z.string(),
  label: z.string(),
});
export type Actor = z.infer<typeof actor>;

export const auditEntry = z.object({
  id: z.string(),
  at: instant,
  actor,
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  /** The clause of the Regulation the action rests on, where there is one. */
  clause: z.string().nullable(),
  /** Changed fields: before and after, personal data included only where staff may see it. */
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
