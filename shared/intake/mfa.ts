/**
 * The MFA step (3.2): documents that came through the diplomatic channel are checked by the MFA for
 * compliance with the Regulation and forwarded to the CEC, or returned to the organization with a note.
 * Until forwarded, the CEC cannot decide on them (`canBeDecided` in the lifecycle: such people are
 * `submitted`, and only `mfa_checked` ones are decidable).
 */
import { ConcurrencyError, RuleViolationError } from '#domain/errors';
import { type ApplicationRecord, applicationReplacePut, getApplication } from '#data/applications';
import { auditPut, diff } from '#data/audit';
import { applyEvent, peopleOfApplication } from '#data/persons';
import type { Actor } from '#schemas/audit';
import type { MfaDecision } from '#schemas/mfa';
import type { Person } from '#schemas/person';
import { type PersonChange, writeTransitions } from './transitions';

export interface MfaDecisionResult {
  application: ApplicationRecord;
  people: Person[];
}

export async function decideMfa(
  applicationId: string,
  input: MfaDecision,
  actor: Actor,
  now: Date,
): Promise<MfaDecisionResult> {
  const app = await getApplication(applicationId);
  if (app.channel !== 'mfa') {
    throw new RuleViolationError(
      `application ${app.id} was sent directly to the CEC, not through the MFA (3.2)`,
      'NOT_MFA_CHANNEL',
      '3.2',
    );
  }
  if (app.status !== 'submitted' || app.mfaStatus !== 'pending') {
    throw new RuleViolationError(
      `application ${app.id} is not waiting for the MFA's check (it is ${app.status}, MFA ${app.mfaStatus}) (3.2)`,
      'NOT_IN_MFA_QUEUE',
      '3.2',
    );
  }
  if (app.version !== input.version) throw new ConcurrencyError();
  const people = await peopleOfApplication(app.electionId, app.organizationId, app.id);
  const event = input.outcome === 'forwarded' ? 'mfaForward' : 'mfaReturn';
  const at = now.toISOString();
  const changes: PersonChange[] = people
    .filter((p) => p.status === 'submitted')
    .map((before) => ({
      before,
      event,
      after: applyEvent(before, event, {}, now),
      detail: input.note ? { note: input.note } : undefined,
    }));
  const application: ApplicationRecord = {
    ...app,
    // Returned: the organization may edit the list again and resubmit it (3.2).
    status: input.outcome === 'returned' ? 'draft' : app.status,
    mfaStatus: input.outcome,
    mfaNote: input.note ?? null,
    updatedAt: at,
    version: app.version + 1,
  };
  await writeTransitions(changes, actor, now, [
    applicationReplacePut(app, application),
    auditPut({
      at: now,
      actor,
      entityType: 'application',
      entityId: app.id,
      action: input.outcome === 'forwarded' ? 'mfa-forward' : 'mfa-return',
      clause: '3.2',
      changes: diff(app, application),
      detail: { people: changes.length },
    }),
  ]);
  const moved = new Map(changes.map((c) => [c.after.id, c.after]));
  return { application, people: people.map((p) => moved.get(p.id) ?? p) };
}
