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

/** A name in the languages of the UI, resolved when the log is read (shared/data/audit-names.ts). */
const nameInLanguages = z.object({ ky: z.string(), ru: z.string(), en: z.string() });

/** An entry as staff read it: the names of what it is about and of an organization that acted. */
export const namedAuditEntry = auditEntry.extend({
  subjectName: nameInLanguages.nullable(),
  actorName: nameInLanguages.nullable(),
});
export type NamedAuditEntry = z.infer<typeof namedAuditEntry>;
