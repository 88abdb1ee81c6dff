/**
 * Adopting a resolution (3.3): every decision in it is applied, or none.
 *
 * 1. Check the timing (3.6 window for accreditation, 3.7/4.7 mandate for revocation) and every item
 *    against the person's current state (3.2 MFA gate, decided once, Art. 10). One problem refuses the
 *    whole adoption (409 listing the people and why); the draft stays as it was.
 * 2. draft → adopting, conditional on the items revision that was checked (so what is applied is what
 *    was checked). The adoption record holds the progress: attempt, done, total, chunks.
 * 3. Apply in chunks, each ONE transaction (≤ 100 actions): per person the Put conditional on the status
 *    and version read (carrying the decision, which is what marks the item applied), an audit entry,
 *    the outbox message (certificate or letter) and the certificate; per chunk the counters (aggregated),
 *    a check that the election's calendar is the one the window was checked on, and the progress
 *    (conditional on the progress and the attempt held) with its checkpoint, the chunk's last person.
 *    People are applied in one fixed order, organization by organization (a chunk then touches few
 *    counter items) and by person within one, so a crash leaves a consistent prefix of that order;
 *    adopting again resumes after it, reading only the people after the checkpoint (see `pendingWork`).
 *    Certificate numbers are taken for the whole attempt with one atomic ADD.
 * 4. The last chunk marks the resolution adopted. Adopting an adopted resolution returns it (idempotent).
 *
 * If the first chunk cannot be applied (someone changed a person meanwhile), the resolution goes back to
 * draft: nothing was changed. If a later chunk cannot, it stays `adopting` with its progress; adopting
 * again re-checks what is left and finishes, or names who blocks it (a cec-admin can drop such a pending
 * item, see removeItem).
 */
import { auditPut } from '#data/audit';
import { certificatePut, certificateRevokeUpdate, allocateCertificateNumbers } from '#data/certificates';
import { getElection } from '#data/elections';
import { keys } from '#data/keys';
import { outboxPut } from '#data/outbox';
import { applyEvent, getPeople } from '#data/persons';
import { type ChunkInfo, type StatusChange, writeStatusChanges } from '#data/status-changes/write';
import { abandonAdoption, adoptionProgressUpdate, resumeAdoption, startAdoption } from '#data/resolutions/adoption';
import { getResolution } from '#data/resolutions/drafts';
import { allItems, appliedDecision, getItems } from '#data/resolutions/items';
import { organizationsById } from '#data/triage';
import type { TransactItem } from '#data/transact';
import type { Clock } from '#domain/clock';
import type { RefusalGround, RevocationReason } from '#domain/grounds';
import { ConcurrencyError, RuleViolationError } from '#domain/errors';
import type { Actor } from '#schemas/audit';
import type { Election } from '#schemas/election';
import type { Organization } from '#schemas/organization';
import type { Decision, Person } from '#schemas/person';
import type { AdoptionCheckpoint, AdoptionOutcome, Resolution, StoredResolutionItem } from '#schemas/resolution';
import { config } from '#runtime/config';
import { AdoptionBlockedError } from './errors';
import { type ItemIntent, type ItemProblem, type PlannedDecision, planItem, timingProblem } from './rules';

/** Per chunk: the election check, the resolution's progress, the closing audit entry (the last chunk). */
const CHUNK_ACTIONS = 3;
/** Tries of one chunk when people changed harmlessly meanwhile (a note, a tick): re-read and rebuild. */
const CHUNK_TRIES = 3;
/** Where the chunk's own actions are (see `chunkActions`). */
const ELECTION_CHECK = 0;
const PROGRESS = 1;

export interface ChunkReport {
  resolutionId: string;
  /** Chunks committed so far (this one included), over all attempts. */
  chunk: number;
  done: number;
  total: number;
}

export interface AdoptOptions {
  /** Called after each committed chunk; a test throws here to interrupt an adoption part-way. */
  afterChunk?: (report: ChunkReport) => void | Promise<void>;
  /** Actions per transaction (DynamoDB allows 100). */
  maxActions?: number;
}

export interface AdoptResult {
  resolution: Resolution;
  alreadyAdopted: boolean;
}

interface Work {
  item: StoredResolutionItem;
  person: Person;
  plan: PlannedDecision;
}

interface Run {
  r: Resolution;
  election: Election;
  attempt: number;
  done: number;
  chunks: number;
  total: number;
  /** When this attempt began (the window was checked at it); each chunk stamps its own time. */
  now: Date;
  actor: Actor;
  orgs: Map<string, Organization>;
  names: Map<string, string>;
  /** Certificate numbers taken for this attempt, by person. */
  numbers: Map<string, string>;
}

async function assignNumbers(run: Run, work: readonly Work[]): Promise<void> {
  const missing = work.filter((w) => w.plan.outcome === 'accredited' && !run.numbers.has(w.person.id));
  if (missing.length === 0) return;
  const numbers = await allocateCertificateNumbers(run.election, missing.length);
  missing.forEach((w, i) => {
    run.numbers.set(w.person.id, numbers[i]!);
  });
}

export function intentOf(item: StoredResolutionItem): ItemIntent {
  return {
    personId: item.personId,
    decision: item.decision,
    // The schema keeps the codes as strings; they were checked against grounds.ts when stored.
    ground: item.ground as RefusalGround | null,
    revocationReason: item.revocationReason as RevocationReason | null,
    gross: item.gross,
    reason: item.reason,
  };
}

const nameOf = (i: Pick<StoredResolutionItem, 'familyNameLatin' | 'givenNamesLatin'>) =>
  `${i.familyNameLatin} ${i.givenNamesLatin}`;

/** The order people are applied in: organization by organization, then by person (a total order). */
export function applicationOrder(a: AdoptionCheckpoint, b: AdoptionCheckpoint): number {
  if (a.organizationId !== b.organizationId) return a.organizationId < b.organizationId ? -1 : 1;
  return a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;
}

const checkpointOf = (i: StoredResolutionItem): AdoptionCheckpoint => ({
  organizationId: i.organizationId,
  personId: i.personId,
});

/**
 * The items of the resolution, and those still to apply with their people. A crash leaves the applied
 * people a prefix of the order of application, ending at the checkpoint the last committed chunk wrote
 * with its progress, so a resumption reads only the people after it. It trusts the checkpoint only when
 * the counts agree: as many items up to it as the progress has applied, and none of the people after
 * it already carrying this resolution's decision (then the items up to it are exactly the applied ones:
 * none skipped, none applied twice). Otherwise the people up to it are read as well, and what is
 * pending is what the people carry. The people of each page of items are read while the next page is
 * fetched.
 */
async function pendingWork(r: Resolution) {
  const checkpoint = r.status === 'adopting' ? (r.adoption?.checkpoint ?? null) : null;
  const afterCheckpoint = (i: StoredResolutionItem) => !checkpoint || applicationOrder(checkpointOf(i), checkpoint) > 0;
  const reads: Promise<Person[]>[] = [];
  const readPeople = (ids: string[]) => {
    const read = getPeople(ids);
    // Awaited below; a page read after a failed one must not surface as an unhandled rejection.
    read.catch(() => undefined);
    reads.push(read);
  };
  const items = await allItems(r.id, (page) => readPeople(page.filter(afterCheckpoint).map((i) => i.personId)));
  const people = new Map((await Promise.all(reads)).flat().map((p) => [p.id, p]));
  if (checkpoint) {
    const upTo = items.filter((i) => !afterCheckpoint(i));
    const trusted =
      items.length === r.adoption?.total &&
      upTo.length === r.adoption.done &&
      [...people.values()].every((p) => !appliedDecision(p, r.id));
    if (trusted) return { items, pending: items.filter(afterCheckpoint), people };
    for (const p of await getPeople(upTo.map((i) => i.personId))) people.set(p.id, p);
  }
  // What is applied is what the people carry: an item is pending until its person holds this
  // resolution's decision (written in the same transaction as the status change).
  return { items, pending: items.filter((i) => !appliedDecision(people.get(i.personId), r.id)), people };
}

/** Checks items against people; the plans in item order, or every problem. */
function planAll(r: Resolution, items: readonly StoredResolutionItem[], people: ReadonlyMap<string, Person>) {
  const work: Work[] = [];
  const problems: ItemProblem[] = [];
  for (const item of items) {
    const person = people.get(item.personId);
    const res = planItem(r.kind, r.electionId, intentOf(item), person);
    if (res.ok && person) work.push({ item, person, plan: res.plan });
    else if (!res.ok) problems.push(res.problem);
  }
  return { work, problems };
}

export async function adoptResolution(
  resolutionId: string,
  actor: Actor,
  clock: Clock,
  opts: AdoptOptions = {},
): Promise<AdoptResult> {
  let r = await getResolution(resolutionId);
  if (r.status === 'adopted') return { resolution: r, alreadyAdopted: true };
  if (r.status === 'discarded') {
    throw new RuleViolationError(
      `resolution ${r.number} was discarded and cannot be adopted`,
      'RESOLUTION_DISCARDED',
      '3.3',
    );
  }
  const [election, { items, pending, people }] = await Promise.all([getElection(r.electionId), pendingWork(r)]);
  const now = clock.now();
  const startedAt = r.status === 'adopting' && r.adoption ? new Date(r.adoption.startedAt) : now;
  const timing = timingProblem(election, { kind: r.kind, adoptedOn: r.adoptedOn, startedAt, now });
  if (timing) throw new RuleViolationError(timing.rule, 'ADOPTION_NOT_ALLOWED', timing.clause);

  if (r.status === 'draft' && items.length === 0) {
    throw new RuleViolationError('a resolution without items cannot be adopted (3.3)', 'RESOLUTION_EMPTY', '3.3');
  }
  const names = new Map(items.map((i) => [i.personId, nameOf(i)]));
  const { work, problems } = planAll(
    r,
    [...pending].sort((a, b) => applicationOrder(checkpointOf(a), checkpointOf(b))),
    people,
  );
  if (problems.length > 0) {
    // An adoption that stopped before its first chunk changed nothing: it becomes a draft again.
    const reverted =
      r.status === 'adopting' &&
      r.adoption?.done === 0 &&
      (await abandonAdoption(r, r.adoption.attempt, actor, now, 'people changed before the first chunk'));
    throw new AdoptionBlockedError(problems, names, r.status === 'adopting' && !reverted);
  }
  const [orgs, started] = await Promise.all([
    organizationsById(
      work.map((w) => w.person.organizationId),
      { fresh: true },
    ),
    r.status === 'draft'
      ? startAdoption(r, items.length, election.version, actor, now)
      : resumeAdoption(r, election.version, actor, now),
  ]);
  r = started;
  const adoption = r.adoption!;
  const run: Run = {
    r,
    election,
    attempt: adoption.attempt,
    done: adoption.done,
    chunks: adoption.chunks,
    total: adoption.total,
    now,
    actor,
    orgs,
    names,
    numbers: new Map(),
  };
  // Certificate numbers for the whole attempt in one atomic ADD; numbers of people this attempt does
  // not get to (a failure part-way) stay unused: the sequence may have gaps, never duplicates.
  await assignNumbers(run, work);

  await writeStatusChanges(work, {
    actor,
    now: () => clock.now(),
    personOf: (w) => w.person,
    extraActions: extraActionsOf,
    change: (w, at) => changeOf(run, w, at),
    fixedActions: CHUNK_ACTIONS,
    chunkActions: (chunk) => chunkActions(run, chunk),
    attempts: CHUNK_TRIES,
    stillChanging: 'throw',
    // The order of application (sorted above): the checkpoint of a chunk is its last person.
    order: 'as-given',
    tokenSalt: `${r.id}:${run.attempt}`,
    maxActions: opts.maxActions,
    changed: (_failed, chunk) => replan(run, chunk),
    chunkFailed: (positions) => chunkFailed(run, positions),
    afterChunk: async (report) => {
      run.done = adoption.done + report.done;
      run.chunks = adoption.chunks + report.chunks;
      await opts.afterChunk?.({ resolutionId: r.id, chunk: run.chunks, done: run.done, total: run.total });
    },
  });
  return { resolution: await getResolution(r.id), alreadyAdopted: false };
}

/** A person changed since the check (or their item was dropped): read again, decide whether it matters. */
async function replan(run: Run, chunk: readonly Work[]): Promise<Work[]> {
  const ids = chunk.map((w) => w.person.id);
  const [fresh, freshItems] = await Promise.all([getPeople(ids), getItems(run.r.id, ids)]);
  const people = new Map(fresh.map((p) => [p.id, p]));
  const problems: ItemProblem[] = [];
  const next: Work[] = [];
  for (const w of chunk) {
    const item = freshItems.get(w.person.id);
    const person = people.get(w.person.id);
    if (!item || appliedDecision(person, run.r.id)) {
      problems.push({
        personId: w.person.id,
        rule: 'was removed from the resolution, or decided by another run of it, meanwhile',
        clause: '3.3',
      });
      continue;
    }
    const res = planItem(run.r.kind, run.r.electionId, intentOf(item), person);
    if (!res.ok) problems.push(res.problem);
    else if (person) next.push({ item, person, plan: res.plan });
  }
  if (problems.length > 0) {
    const reverted = await abandonIfUntouched(run, 'people changed before the first chunk');
    throw new AdoptionBlockedError(problems, run.names, !reverted);
  }
  await assignNumbers(run, next);
  return next;
}

/** The chunk's own condition failed: another run took over, or the calendar changed. */
async function chunkFailed(run: Run, positions: readonly number[]): Promise<never> {
  if (positions.includes(PROGRESS)) {
    const current = await getResolution(run.r.id);
    throw new ConcurrencyError(
      current.status === 'adopted'
        ? `resolution ${run.r.number} was adopted by another run meanwhile`
        : `another adoption run of resolution ${run.r.number} took over (attempt ${current.adoption?.attempt}); it goes on from ${current.adoption?.done} of ${current.adoption?.total}`,
    );
  }
  if (positions.includes(ELECTION_CHECK)) {
    await abandonIfUntouched(run, 'the election calendar changed');
    throw new RuleViolationError(
      'the election calendar changed while the resolution was being adopted; adopt again to check the window against it (3.6)',
      'CALENDAR_CHANGED',
      '3.6',
    );
  }
  throw new ConcurrencyError(`resolution ${run.r.number} changed during its adoption; adopt again`);
}

async function abandonIfUntouched(run: Run, why: string): Promise<boolean> {
  if (run.done > 0) return false;
  return abandonAdoption(run.r, run.attempt, run.actor, new Date(run.now.getTime()), why);
}

function extraActionsOf(w: Work): number {
  // the outbox message; + the certificate (issued, or marked revoked)
  const certificate = w.plan.outcome === 'accredited' || (w.plan.outcome === 'revoked' && !!w.person.certificateNumber);
  return 1 + (certificate ? 1 : 0);
}

/** The chunk's own actions, in this order: the election check, the progress, the closing entry. */
function chunkActions(run: Run, chunk: ChunkInfo<Work>): TransactItem[] {
  const { r, actor } = run;
  const outcome: AdoptionOutcome = { accredited: 0, refused: 0, revoked: 0, forcedRefusals: 0 };
  for (const { plan } of chunk.subjects) {
    if (plan.outcome === 'accredited') outcome.accredited++;
    else if (plan.outcome === 'refused') {
      outcome.refused++;
      if (plan.forced) outcome.forcedRefusals++;
    } else if (plan.outcome === 'revoked') outcome.revoked++;
  }
  const actions: TransactItem[] = [
    // 3.6: the window was checked on this calendar; if an admin changes the dates meanwhile, stop.
    {
      ConditionCheck: {
        TableName: config().tableName,
        Key: keys.election(r.electionId),
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': run.r.adoption?.electionVersion ?? run.election.version },
      },
    },
    // The progress, conditional on the progress and attempt this run holds: resumable, counted once.
    adoptionProgressUpdate(
      r.id,
      { attempt: run.attempt, done: run.done },
      {
        applied: chunk.subjects.length,
        outcome,
        last: chunk.last,
        at: chunk.at,
        checkpoint: chunk.subjects.length > 0 ? checkpointOf(chunk.subjects.at(-1)!.item) : null,
      },
    ),
  ];
  if (chunk.last) {
    actions.push(
      auditPut({
        at: chunk.at,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'adopt',
        clause: r.kind === 'revocation' ? '4.7' : '3.3, 3.4',
        detail: { number: r.number, adoptedOn: r.adoptedOn, total: run.total, attempt: run.attempt },
      }),
    );
  }
  return actions;
}

/** One person's decision: the person carrying it, the certificate, the outbox message. */
function changeOf(run: Run, { item, person, plan }: Work, now: Date): StatusChange {
  const { r } = run;
  const org = run.orgs.get(person.organizationId);
  const certificateNumber = plan.outcome === 'accredited' ? (run.numbers.get(person.id) ?? null) : null;
  const decision: Decision = {
    resolutionId: r.id,
    resolutionNumber: r.number,
    adoptedOn: r.adoptedOn,
    outcome: plan.outcome,
    ground: plan.ground,
    revocationReason: plan.revocationReason,
    gross: plan.gross,
    reason: plan.reason,
  };
  const changes: Partial<Person> = { decisions: [...person.decisions, decision] };
  if (certificateNumber) changes.certificateNumber = certificateNumber;
  const after = applyEvent(person, plan.event, changes, now);
  const extra: TransactItem[] = [];
  const to = [...new Set([org?.contactEmail, person.email].filter((x): x is string => !!x))];
  const lang = org?.preferredLanguage ?? person.preferredLanguage;
  if (plan.outcome === 'accredited' && certificateNumber) {
    // 3.4: PUBLICATION renders the certificate, then sends the accreditation letter with it attached.
    extra.push(
      certificatePut({
        electionId: r.electionId,
        number: certificateNumber,
        personId: person.id,
        organizationId: person.organizationId,
        resolutionId: r.id,
        issuedAt: now.toISOString(),
        objectKey: null,
        revokedAt: null,
        revocationReason: null,
        revocationResolutionId: null,
      }),
      outboxPut(
        {
          kind: 'certificate',
          template: 'certificate',
          payload: { electionId: r.electionId, personId: person.id, certificateNumber },
          electionId: r.electionId,
          entityId: person.id,
        },
        now,
      ),
    );
  } else if (plan.outcome === 'refused') {
    extra.push(
      outboxPut(
        {
          kind: 'email',
          template: 'decision-refused',
          to,
          payload: {
            lang,
            electionId: r.electionId,
            personId: person.id,
            organizationId: person.organizationId,
            resolutionId: r.id,
            resolutionNumber: r.number,
            adoptedOn: r.adoptedOn,
            ground: plan.ground,
            reason: plan.reason,
          },
          electionId: r.electionId,
          entityId: person.id,
        },
        now,
      ),
    );
  } else if (plan.outcome === 'revoked') {
    if (person.certificateNumber) {
      extra.push(
        certificateRevokeUpdate(r.electionId, person.certificateNumber, {
          at: now,
          reason: plan.revocationReason ?? 'VIOLATION',
          resolutionId: r.id,
        }),
      );
    }
    // 4.7: the organization and the observer are told.
    extra.push(
      outboxPut(
        {
          kind: 'email',
          template: 'decision-revoked',
          to,
          payload: {
            lang,
            electionId: r.electionId,
            personId: person.id,
            organizationId: person.organizationId,
            resolutionId: r.id,
            resolutionNumber: r.number,
            adoptedOn: r.adoptedOn,
            revocationReason: plan.revocationReason,
            gross: plan.gross,
            reason: plan.reason,
          },
          electionId: r.electionId,
          entityId: person.id,
        },
        now,
      ),
    );
  }
  return {
    before: person,
    after,
    event: plan.event,
    clause: plan.clause,
    detail: {
      resolutionId: r.id,
      resolutionNumber: r.number,
      adoptedOn: r.adoptedOn,
      selected: item.decision,
      selectedGround: item.ground,
      ground: plan.ground,
      revocationReason: plan.revocationReason,
      gross: plan.gross,
      forced: plan.forced,
      certificateNumber,
    },
    extra,
  };
}
