/**
 * An organization's application and its representatives (3.1), as edited on the portal. Drafts are
 * editable while the accreditation window is open (3.6); every write is one transaction with its audit
 * entry and counters, so a refusal leaves nothing behind.
 */
import { ulid } from 'ulid';
import { isWindowOpen, lastAccreditationDay, windowClosesAt } from '#domain/calendar';
import { ConcurrencyError, RuleViolationError, ValidationError } from '#domain/errors';
import type { FlagCode } from '#domain/eligibility';
import { EDITABLE_STATUSES } from '#domain/lifecycle';
import { bishkekDate, compareDates } from '#domain/time';
import {
  type ApplicationRecord,
  applicationCreatePut,
  applicationMemberUpdate,
  applicationReplacePut,
  ensureMembersMap,
  findApplication,
} from '#data/applications';
import { allocateApplicationNumber } from '#data/application-numbers';
import { auditPut, diff, systemActor } from '#data/audit';
import { counterMoves } from '#data/counters';
import { documentDelete, findDocument } from '#data/documents';
import { LIVE_STATUSES, flagsOf } from '#data/flags';
import { indexPartitions, keys } from '#data/keys';
import { addPerson, nominationsOfPassport, scopeOf, updatePerson } from '#data/persons';
import { ConditionFailedError, transact } from '#data/transact';
import { config } from '#runtime/config';
import { logger } from '#runtime/logger';
import type { Actor } from '#schemas/audit';
import type { ElectionView } from '#schemas/election';
import type { Person, RepresentativeInput } from '#schemas/person';
import { deleteObjects } from '#uploads/storage';
import { type PortalContext, ownApplication, ownPerson } from './scope';

/** A bound on one application's list, so that submit stays a handful of transactions. */
export const MAX_REPRESENTATIVES_PER_APPLICATION = 200;

/** 3.6: the portal accepts changes only while the accreditation window is open. */
export function assertWindowOpen(election: ElectionView, now: Date): void {
  if (isWindowOpen(election, now)) return;
  const closed = now.getTime() >= windowClosesAt(election).getTime();
  throw new RuleViolationError(
    closed
      ? `the accreditation window is closed: the last day was ${lastAccreditationDay(election)}, and it closed at 00:00 Asia/Bishkek of the next day (3.6)`
      : `the accreditation window opens on ${election.calledOn}, when the calling is published (3.6)`,
    'WINDOW_CLOSED',
    '3.6',
  );
}

/** The passport index partition of a person, as the application's members map keeps it. */
export function passportPartition(p: Pick<Person, 'citizenship' | 'passportNumber'>): string {
  return indexPartitions.peopleByPassport(p.citizenship, p.passportNumber);
}

function assertDraft(app: ApplicationRecord): void {
  if (app.status !== 'draft') {
    throw new RuleViolationError(
      `application ${app.id} is ${app.status}: its list can no longer be changed (3.1)`,
      'APPLICATION_NOT_DRAFT',
      '3.1',
    );
  }
}

function checkDates(input: RepresentativeInput, now: Date): void {
  const today = bishkekDate(now);
  const issues = [];
  if (compareDates(input.dateOfBirth, today) >= 0 || compareDates(input.dateOfBirth, '1900-01-01') < 0) {
    issues.push({ field: 'dateOfBirth', rule: 'must be a past date after 1900-01-01' });
  }
  if (compareDates(input.passportExpiresOn, input.dateOfBirth) <= 0) {
    issues.push({ field: 'passportExpiresOn', rule: 'must be after the date of birth' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

export async function createApplication(
  ctx: PortalContext,
  channel: 'direct' | 'mfa',
  actor: Actor,
  now: Date,
): Promise<ApplicationRecord> {
  assertWindowOpen(ctx.election, now);
  const at = now.toISOString();
  const app: ApplicationRecord = {
    id: ulid(now.getTime()),
    electionId: ctx.election.id,
    organizationId: ctx.organization.id,
    // 3.1: the number the organization, the reviewers and the letters call the application by.
    number: await allocateApplicationNumber(ctx.election),
    organizationCountry: ctx.organization.country,
    channel,
    status: 'draft',
    mfaStatus: channel === 'mfa' ? 'pending' : 'not_required',
    mfaNote: null,
    personCount: 0,
    members: {},
    submittedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await transact([
    applicationCreatePut(app),
    auditPut({
      at: now,
      actor,
      entityType: 'application',
      entityId: app.id,
      action: 'create',
      clause: '3.1',
      changes: diff(null, app),
    }),
  ]);
  return app;
}

/** 3.1, 3.2: the channel of a draft that was never submitted can still change. */
export async function changeChannel(
  ctx: PortalContext,
  applicationId: string,
  input: { channel: 'direct' | 'mfa'; version: number },
  actor: Actor,
  now: Date,
): Promise<ApplicationRecord> {
  const before = await ownApplication(ctx, applicationId);
  assertDraft(before);
  assertWindowOpen(ctx.election, now);
  if (before.submittedAt) {
    throw new RuleViolationError(
      'the channel of an application that was already submitted cannot change (3.2)',
      'CHANNEL_FIXED',
      '3.2',
    );
  }
  if (before.version !== input.version) throw new ConcurrencyError();
  const after: ApplicationRecord = {
    ...before,
    channel: input.channel,
    mfaStatus: input.channel === 'mfa' ? 'pending' : 'not_required',
    updatedAt: now.toISOString(),
    version: before.version + 1,
  };
  try {
    await transact([
      applicationReplacePut(before, after),
      auditPut({
        at: now,
        actor,
        entityType: 'application',
        entityId: before.id,
        action: 'update',
        clause: '3.2',
        changes: diff(before, after),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return after;
}

async function refusalOfAdd(applicationId: string): Promise<Error> {
  const app = await findApplication(applicationId);
  if (app && app.status !== 'draft') {
    return new RuleViolationError(
      `application ${app.id} is ${app.status}: its list can no longer be changed (3.1)`,
      'APPLICATION_NOT_DRAFT',
      '3.1',
    );
  }
  if (app && app.personCount >= MAX_REPRESENTATIVES_PER_APPLICATION) {
    return new RuleViolationError(
      `an application lists at most ${MAX_REPRESENTATIVES_PER_APPLICATION} representatives: start another application for more`,
      'TOO_MANY_REPRESENTATIVES',
    );
  }
  return new ConcurrencyError();
}

export async function addRepresentative(
  ctx: PortalContext,
  applicationId: string,
  input: RepresentativeInput,
  actor: Actor,
  now: Date,
): Promise<Person> {
  const app = await ownApplication(ctx, applicationId);
  assertDraft(app);
  assertWindowOpen(ctx.election, now);
  checkDates(input, now);
  if (app.personCount >= MAX_REPRESENTATIVES_PER_APPLICATION) throw await refusalOfAdd(app.id);
  await ensureMembersMap(app);
  const at = now.toISOString();
  const draft: Person = {
    ...input,
    id: ulid(now.getTime()),
    electionId: app.electionId,
    organizationId: app.organizationId,
    applicationId: app.id,
    applicationNumber: app.number ?? null,
    organizationCountry: ctx.organization.country,
    channel: app.channel,
    status: 'draft',
    flags: [],
    documents: {},
    reviewerNote: '',
    checked: false,
    submittedAt: null,
    decisions: [],
    certificateNumber: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const person: Person = {
    ...draft,
    flags: await flagsOf(draft, { election: ctx.election, hasInvitation: true, now }),
  };
  try {
    await addPerson(person, actor, now, [
      applicationMemberUpdate(
        app.id,
        { kind: 'add', personId: person.id, passport: passportPartition(person) },
        MAX_REPRESENTATIVES_PER_APPLICATION,
        now,
      ),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw await refusalOfAdd(app.id);
    throw err;
  }
  await refreshDuplicateFlags(person.electionId, [person], now);
  return person;
}

function assertEditable(p: Person): void {
  if (!EDITABLE_STATUSES.includes(p.status)) {
    throw new RuleViolationError(
      `representative ${p.id} is ${p.status}: only a draft or a list returned by the MFA can be changed (3.1, 3.2)`,
      'NOT_EDITABLE',
      '3.1',
    );
  }
}

export async function updateRepresentative(
  ctx: PortalContext,
  applicationId: string,
  personId: string,
  input: RepresentativeInput & { version: number },
  actor: Actor,
  now: Date,
): Promise<Person> {
  const app = await ownApplication(ctx, applicationId);
  const before = await ownPerson(ctx, personId, app.id);
  assertDraft(app);
  assertEditable(before);
  assertWindowOpen(ctx.election, now);
  checkDates(input, now);
  if (before.version !== input.version) throw new ConcurrencyError();
  await ensureMembersMap(app);
  const { version: _read, ...fields } = input;
  const flags = await flagsOf({ ...before, ...fields }, { election: ctx.election, hasInvitation: true, now });
  let after: Person;
  try {
    after = await updatePerson(before, { ...fields, flags }, actor, now, {
      action: 'update',
      clause: '3.1',
      extra: [
        applicationMemberUpdate(
          app.id,
          { kind: 'set', personId: before.id, passport: passportPartition({ ...before, ...fields }) },
          MAX_REPRESENTATIVES_PER_APPLICATION,
          now,
        ),
      ],
    });
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      throw new RuleViolationError(`application ${app.id} is no longer a draft (3.1)`, 'APPLICATION_NOT_DRAFT', '3.1');
    }
    throw err;
  }
  await refreshDuplicateFlags(after.electionId, [before, after], now);
  return after;
}

/** A draft that was never submitted can be deleted outright; one submitted before is withdrawn instead. */
export async function deleteRepresentative(
  ctx: PortalContext,
  applicationId: string,
  personId: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const app = await ownApplication(ctx, applicationId);
  const before = await ownPerson(ctx, personId, app.id);
  assertDraft(app);
  if (before.status !== 'draft') {
    throw new RuleViolationError(
      `representative ${personId} is ${before.status}: withdraw them instead of deleting (3.1)`,
      'NOT_A_DRAFT',
      '3.1',
    );
  }
  await ensureMembersMap(app);
  const docs = await Promise.all([findDocument('passport', personId), findDocument('photo', personId)]);
  try {
    await transact([
      {
        Delete: {
          TableName: config().tableName,
          Key: keys.person(personId),
          ConditionExpression: '#status = :draft AND #version = :v',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: { ':draft': 'draft', ':v': before.version },
        },
      },
      ...counterMoves(scopeOf(before), 'draft', null),
      applicationMemberUpdate(app.id, { kind: 'remove', personId }, MAX_REPRESENTATIVES_PER_APPLICATION, now),
      documentDelete('passport', personId),
      documentDelete('photo', personId),
      auditPut({
        at: now,
        actor,
        entityType: 'person',
        entityId: personId,
        action: 'delete',
        clause: '3.1',
        changes: diff(before, {}),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  // The identity documents of a deleted draft serve nothing any more (design principle 7).
  const objectKeys = docs.flatMap((d) => (d ? [d.objectKey, d.pendingKey ?? ''] : [])).filter(Boolean);
  await deleteObjects(objectKeys);
  await refreshDuplicateFlags(before.electionId, [before], now);
}

/**
 * "Recomputed on change": when a passport is added, changed or leaves the election, the other people
 * nominated with it gain or lose the duplicate flag. Best effort: a person changed meanwhile keeps
 * their flags until their own next change or the submit recomputes them.
 */
export async function refreshDuplicateFlags(
  electionId: string,
  passports: readonly Pick<Person, 'citizenship' | 'passportNumber'>[],
  now: Date,
): Promise<void> {
  const seen = new Set<string>();
  for (const p of passports) {
    const k = `${p.citizenship}#${p.passportNumber}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const nominations = (await nominationsOfPassport(p.citizenship, p.passportNumber)).filter(
      (n) => n.electionId === electionId,
    );
    const live = nominations.filter((n) => LIVE_STATUSES.includes(n.status));
    for (const n of live) {
      const should = live.some((o) => o.id !== n.id);
      const has = n.flags.includes('DUPLICATE_NOMINATION');
      if (should === has) continue;
      const flags: FlagCode[] = should
        ? [...(n.flags as FlagCode[]), 'DUPLICATE_NOMINATION']
        : (n.flags as FlagCode[]).filter((f) => f !== 'DUPLICATE_NOMINATION');
      try {
        await updatePerson(n, { flags }, systemActor('flags'), now, { action: 'flags', clause: '3.1' });
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        logger.info('flags of a person changed meanwhile; left for their next change', { personId: n.id });
      }
    }
  }
}
