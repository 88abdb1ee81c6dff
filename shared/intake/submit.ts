/**
 * Submitting an application (3.1, 3.2, 3.6). On the request path: the window must be open (3.6), the
 * application complete (the letter, and each representative's passport copy and photo, received), and
 * every representative's flags are recomputed from current data. Then, in transactions of at most 100
 * actions, the application is locked first (so nobody edits it meanwhile) and every draft or returned
 * representative moves to `submitted` with the counters and an audit entry each. An application that
 * fits one transaction (up to 47 people) is submitted all-or-nothing; a retry of an interrupted larger
 * one picks up the people not yet moved, and a retry of a finished one changes nothing.
 */
import type { FieldIssue } from '#domain/errors';
import { ConcurrencyError, UnauthorizedError, ValidationError } from '#domain/errors';
import { EDITABLE_STATUSES } from '#domain/lifecycle';
import { type ApplicationRecord, applicationReplacePut, findApplication, membersComplete } from '#data/applications';
import { auditPut, diff } from '#data/audit';
import { flagsFromNominations, nominationsByPartition, nominationsOfPassports } from '#data/flags';
import { applyEvent, getPeople, peopleOfApplication } from '#data/persons';
import type { Principal } from '#http/auth';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';
import { assertWindowOpen, passportPartition } from './applications';
import { owned, portalContext } from './scope';
import { type PersonChange, writeTransitions } from './transitions';

export interface SubmitResult {
  application: ApplicationRecord;
  submitted: number;
  people: Person[];
}

/** What is missing, per representative (3.1), as field issues naming the rule. */
export function missingDocuments(app: ApplicationRecord, people: readonly Person[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (app.letter !== 'received') {
    issues.push({
      field: 'letter',
      rule: `the application letter must be uploaded and accepted (3.1); it is ${app.letter ?? 'missing'}`,
    });
  }
  const live = people.filter((p) => p.status !== 'withdrawn');
  if (live.length === 0) {
    issues.push({ field: 'representatives', rule: 'the list must hold at least one representative (3.1)' });
  }
  for (const p of live.filter((x) => EDITABLE_STATUSES.includes(x.status))) {
    for (const kind of ['passport', 'photo'] as const) {
      const state = p.documents[kind];
      if (state !== 'received') {
        issues.push({
          field: `representatives.${p.id}.${kind}`,
          rule: `${p.familyNameLatin} ${p.givenNamesLatin}: the ${kind === 'passport' ? 'passport copy' : 'photo'} must be uploaded and accepted (3.1); it is ${state ?? 'missing'}`,
        });
      }
    }
  }
  return issues;
}

/**
 * The application's people and every nomination of their passports. With a complete members map (the
 * application's strongly consistent list of person → passport partition), the people are read by id
 * (a consistent BatchGetItem) while PartiQL statements (25 passports each) read the other nominations,
 * both at once. An application without a complete map (older records) reads its people from the index
 * first, checked against its count: a lagging index is a retry, never a submit of part of the list.
 */
async function peopleAndNominations(app: ApplicationRecord) {
  if (membersComplete(app)) {
    const members = app.members ?? {};
    const [people, nominations] = await Promise.all([
      getPeople(Object.keys(members)),
      nominationsByPartition(Object.values(members), { projected: true }),
    ]);
    if (people.length !== Object.keys(members).length) throw new ConcurrencyError(LAGGING);
    return { people, nominations };
  }
  const people = await peopleOfApplication(app.electionId, app.organizationId, app.id);
  if (people.length !== app.personCount) throw new ConcurrencyError(LAGGING);
  return { people, nominations: await nominationsOfPassports(people) };
}

const LAGGING = 'the list of representatives is still being updated; try again in a moment';

export async function submitApplication(
  principal: Principal,
  applicationId: string,
  actor: Actor,
  now: Date,
): Promise<SubmitResult> {
  if (principal.kind !== 'portal') throw new UnauthorizedError();
  // The session's scope is checked beside the reads (before anything is written): the application is
  // matched against the session's organization and election first, so nothing of another is read.
  const context = portalContext(principal, now);
  context.catch(() => undefined);
  const app = owned(
    { organization: { id: principal.organizationId }, election: { id: principal.electionId } },
    await findApplication(applicationId),
    applicationId,
  );
  const [ctx, { people, nominations }] = await Promise.all([context, peopleAndNominations(app)]);
  const toSubmit = people.filter((p) => EDITABLE_STATUSES.includes(p.status));
  // Retried after it went through: nothing left to do, and the answer is the same.
  if (app.status === 'submitted' && toSubmit.length === 0) return { application: app, submitted: 0, people };
  assertWindowOpen(ctx.election, now);
  const issues = missingDocuments(app, people);
  if (issues.length > 0) {
    throw new ValidationError(
      issues,
      `the application is incomplete (3.1): ${issues.map((i) => `${i.field}: ${i.rule}`).join('; ')}`,
    );
  }
  const flagContext = { election: ctx.election, hasInvitation: true, now };
  const flags = new Map(
    toSubmit.map((p) => [p.id, flagsFromNominations(p, nominations.get(passportPartition(p)) ?? [], flagContext)]),
  );
  const at = now.toISOString();
  const changes: PersonChange[] = toSubmit.map((before) => ({
    before,
    event: 'submit',
    after: applyEvent(
      before,
      'submit',
      { flags: flags.get(before.id) ?? before.flags, channel: app.channel, submittedAt: at },
      now,
    ),
  }));
  const lead = [];
  let application = app;
  if (app.status === 'draft') {
    application = {
      ...app,
      status: 'submitted',
      submittedAt: at,
      // 3.2: an application sent through the MFA waits for its check before the CEC may decide.
      mfaStatus: app.channel === 'mfa' ? 'pending' : 'not_required',
      updatedAt: at,
      version: app.version + 1,
    };
    lead.push(
      applicationReplacePut(app, application),
      auditPut({
        at: now,
        actor,
        entityType: 'application',
        entityId: app.id,
        action: 'submit',
        clause: app.channel === 'mfa' ? '3.2' : '3.1',
        changes: diff(app, application),
        detail: { people: toSubmit.length },
      }),
    );
  }
  await writeTransitions(changes, actor, now, lead);
  const moved = new Map(changes.map((c) => [c.after.id, c.after]));
  return {
    application,
    submitted: changes.length,
    people: people.map((p) => moved.get(p.id) ?? p),
  };
}
