/**
 * Submitting an application (3.1, 3.2, 3.6). On the request path: the window must be open (3.6), the
 * application complete (the letter, and each representative's passport copy and photo, received), and
 * every representative's flags are recomputed. Then, in transactions of at most 100 actions, the
 * application is locked first (so nobody edits it meanwhile) and every draft or returned representative
 * moves to `submitted` with the counters and an audit entry each. An application that fits one
 * transaction (up to 47 people) is submitted all-or-nothing; a retry of an interrupted larger one picks
 * up the people not yet moved, and a retry of a finished one changes nothing.
 *
 * Flags: those that depend on the person alone (citizenship, passport expiry, documents, window,
 * invitation) are computed before the write; those that depend on other nominations of the same
 * passport (a duplicate in this election, an earlier gross revocation, 3.9) are looked up across
 * elections beside the transactions, and any flag that lookup changes is written right after, in the
 * same request, with its own audit entry. The answer carries the final flags.
 */
import type { FieldIssue } from '#domain/errors';
import { ConcurrencyError, UnauthorizedError, ValidationError } from '#domain/errors';
import { EDITABLE_STATUSES } from '#domain/lifecycle';
import { type ApplicationRecord, applicationReplacePut, membersComplete } from '#data/applications';
import { auditPut, diff } from '#data/audit';
import {
  type Nomination,
  flagsFromNominations,
  flagsKnownSoFar,
  nominationsByPartition,
  nominationsOfPassports,
} from '#data/flags';
import { applyEvent, getPeople, peopleOfApplication, personReplacePut } from '#data/persons';
import { ConditionFailedError, transact } from '#data/transact';
import { logger } from '#runtime/logger';
import type { Principal } from '#http/auth';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';
import { assertWindowOpen, passportPartition } from './applications';
import { ownApplication, portalContext } from './scope';
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

type Nominations = Map<string, Nomination[]>;

/**
 * The application's people, and (still running) the lookup of every nomination of their passports.
 * With a complete members map (the application's strongly consistent list of person → passport
 * partition), the people are read by id (a consistent BatchGetItem) while PartiQL statements read the
 * nominations. An application without a complete map (older records) reads its people from the index,
 * checked against its count: a lagging index is a retry, never a submit of part of the list.
 */
async function peopleAndNominations(
  app: ApplicationRecord,
): Promise<{ people: Person[]; nominations: Promise<Nominations> }> {
  if (membersComplete(app)) {
    const members = app.members ?? {};
    const nominations = nominationsByPartition(Object.values(members), { projected: true });
    nominations.catch(() => undefined);
    const people = await getPeople(Object.keys(members));
    if (people.length !== Object.keys(members).length) throw new ConcurrencyError(LAGGING);
    return { people, nominations };
  }
  const people = await peopleOfApplication(app.electionId, app.organizationId, app.id);
  if (people.length !== app.personCount) throw new ConcurrencyError(LAGGING);
  const nominations = nominationsOfPassports(people);
  nominations.catch(() => undefined);
  return { people, nominations };
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((f) => b.includes(f));
}

/**
 * Writes the flags the cross-election lookup changed (3.9), after the submit's own transactions: per
 * person a conditional write and an audit entry, 50 people a transaction. A person changed meanwhile
 * keeps the submit's flags until the next change recomputes them.
 */
async function writeFlagCorrections(
  corrections: readonly { before: Person; after: Person }[],
  actor: Actor,
  now: Date,
) {
  for (let i = 0; i < corrections.length; i += 50) {
    const chunk = corrections.slice(i, i + 50);
    try {
      await transact(
        chunk.flatMap(({ before, after }) => [
          personReplacePut(before, after),
          auditPut({
            at: now,
            actor,
            entityType: 'person',
            entityId: before.id,
            action: 'flags',
            clause: '3.9',
            changes: diff(before, after),
          }),
        ]),
      );
    } catch (err) {
      if (!(err instanceof ConditionFailedError)) throw err;
      logger.warn('flags of a submitted person changed meanwhile; left for their next change', {
        people: chunk.map((c) => c.before.id),
      });
    }
  }
}

const LAGGING = 'the list of representatives is still being updated; try again in a moment';

/**
 * Tries of one submit. A submit can lose a race to a write the organization did not make: another
 * organization nominates the same passport and the duplicate flag is set on this one's representative
 * (3.1), or an upload's check lands. Each try reads everything again and checks it again, and a try
 * that lost wrote nothing (its transaction is whole), so the organization gets its submit, not a 409,
 * unless the application keeps changing.
 */
export const SUBMIT_ATTEMPTS = 3;

export async function submitApplication(
  principal: Principal,
  applicationId: string,
  actor: Actor,
  now: Date,
): Promise<SubmitResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await submitOnce(principal, applicationId, actor, now);
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || attempt >= SUBMIT_ATTEMPTS) throw err;
      logger.info('a submit lost a race to a concurrent write; reading again', { applicationId, attempt });
    }
  }
}

async function submitOnce(principal: Principal, applicationId: string, actor: Actor, now: Date): Promise<SubmitResult> {
  if (principal.kind !== 'portal') throw new UnauthorizedError();
  // The session's scope and the application in one round trip; the application is matched against the
  // session's organization and election before anything else of it is read.
  const ctx = await portalContext(principal, now, { applicationId });
  const app = await ownApplication(ctx, applicationId);
  const { people, nominations } = await peopleAndNominations(app);
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
  const at = now.toISOString();
  const changes: PersonChange[] = toSubmit.map((before) => ({
    before,
    event: 'submit',
    after: applyEvent(
      before,
      'submit',
      { flags: flagsKnownSoFar(before, flagContext), channel: app.channel, submittedAt: at },
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
  // The submit has been written; the cross-check may only add to it. Should it fail, the people keep
  // the flags known so far (logged as an error), and their next change recomputes them.
  let corrections: { before: Person; after: Person }[] = [];
  try {
    const found = await nominations;
    corrections = changes.flatMap(({ after }) => {
      const flags = flagsFromNominations(after, found.get(passportPartition(after)) ?? [], flagContext);
      return sameFlags(flags, after.flags)
        ? []
        : [{ before: after, after: { ...after, flags, version: after.version + 1, updatedAt: at } }];
    });
    await writeFlagCorrections(corrections, actor, now);
  } catch (err) {
    logger.error('the passports cross-check after a submit failed', { applicationId: app.id, error: err as Error });
    corrections = [];
  }
  const moved = new Map(changes.map((c) => [c.after.id, c.after]));
  for (const c of corrections) moved.set(c.after.id, c.after);
  return {
    application,
    submitted: changes.length,
    people: people.map((p) => moved.get(p.id) ?? p),
  };
}
