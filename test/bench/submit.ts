/**
 * Submitting an application of 50 representatives (3.1), through the HTTP handler (session scope,
 * window and completeness checks, flags recomputed (the passports cross-checked by PartiQL beside the writes),
 * the chunked transactions, the answer) versus the bare DynamoDB transactions the submit needs
 * (the same items, sent as they are). Target: handler p50 ≤ 1.5 × bare p50.
 * Each round of each variant seeds a fresh draft (50 people with their documents received) untimed.
 */
import { ulid } from 'ulid';
import { addDays, bishkekDate } from '#domain/time';
import { type ApplicationRecord, applicationItem, applicationReplacePut } from '#data/applications';
import { auditPut, diff, systemActor } from '#data/audit';
import { counterMoves } from '#data/counters';
import { createElection } from '#data/elections';
import { keys } from '#data/keys';
import { createOrganization } from '#data/organizations';
import { applyEvent, getPeople, personItem } from '#data/persons';
import { batchPut, transact } from '#data/transact';
import { issuePortalSession } from '#http/auth';
import { submitPortalApplication } from '#http/routes/portal';
import { issueInvitation } from '#intake/invitations';
import { passportPartition } from '#intake/applications';
import { sessionIdFor } from '#intake/scope';
import { planTransitions } from '#intake/transitions';
import type { Person } from '#schemas/person';
import { config } from '#runtime/config';
import { eventFor, lambdaContext } from '#test/data/intake-fixtures';
import { type BenchContext, type Benchmark, compareTimes, fmtMs, resultOf } from './harness';

const PEOPLE = 50;
const actor = systemActor('bench');

interface Draft {
  app: ApplicationRecord;
  people: Person[];
  token: string;
}

interface World {
  electionId: string;
  organizationId: string;
  invitationId: string;
  codeGeneration: number;
}

export async function world(now: Date): Promise<World> {
  const today = bishkekDate(now);
  const election = await createElection(
    {
      kind: 'presidential',
      name: { ky: 'Шайлоо', ru: 'Выборы', en: 'Election' },
      calledOn: addDays(today, -10),
      votingDay: addDays(today, 30),
      windowOffsetDays: 3,
      resultsPublishedOn: null,
      repeatVoting: null,
    },
    actor,
    now,
  );
  const org = await createOrganization(
    {
      name: { original: `Bench mission ${ulid()}` },
      type: 'international_organization',
      country: 'AT',
      contactEmail: 'bench@observers.example',
      preferredLanguage: 'en',
    },
    actor,
    now,
  );
  const { invitation } = await issueInvitation(
    {
      electionId: election.id,
      organizationId: org.id,
      invitingAuthority: 'cec',
      invitedOn: addDays(today, -5),
      mfaDispatchRef: 'BENCH-1',
    },
    actor,
    now,
  );
  return {
    electionId: election.id,
    organizationId: org.id,
    invitationId: invitation.id,
    codeGeneration: invitation.codeGeneration,
  };
}

/** A complete draft: the application (letter received), 50 draft people with both documents received. */
export async function seedDraft(w: World, now: Date): Promise<Draft> {
  const at = now.toISOString();
  const app: ApplicationRecord = {
    id: ulid(),
    electionId: w.electionId,
    organizationId: w.organizationId,
    organizationCountry: 'AT',
    channel: 'direct',
    status: 'draft',
    mfaStatus: 'not_required',
    mfaNote: null,
    letter: 'received',
    personCount: PEOPLE,
    submittedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({
    familyNameLatin: `Observer${String.fromCharCode(65 + (i % 26))}`,
    givenNamesLatin: `Number ${i}`,
    familyNameCyrillic: 'Наблюдатель',
    givenNamesCyrillic: 'Номер',
    sex: i % 2 ? 'M' : 'F',
    dateOfBirth: '1975-04-12',
    citizenship: 'AT',
    passportNumber: `B${ulid().slice(-10)}${i}`,
    passportExpiresOn: '2033-01-01',
    role: i === 0 ? 'head' : 'observer',
    email: `observer${i}@observers.example`,
    phone: '+43 1 234567',
    preferredLanguage: 'en',
    id: ulid(),
    electionId: w.electionId,
    organizationId: w.organizationId,
    applicationId: app.id,
    organizationCountry: 'AT',
    channel: 'direct',
    status: 'draft',
    flags: [],
    documents: { passport: 'received', photo: 'received' },
    reviewerNote: '',
    checked: false,
    submittedAt: null,
    decisions: [],
    certificateNumber: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }));
  const doc = (ownerId: string, kind: string) => ({
    ...(kind === 'letter' ? keys.applicationDocument(ownerId, kind) : keys.personDocument(ownerId, kind)),
    entity: 'document',
    ownerId,
    kind,
    state: 'received',
    objectKey: `documents/${w.electionId}/${w.organizationId}/${app.id}/${kind === 'letter' ? 'letter' : ownerId}/${kind}/${ulid()}`,
    contentType: 'image/jpeg',
    size: 50_000,
    rejectionReason: null,
    uploadedAt: at,
    checkedAt: at,
    pendingKey: null,
    version: 1,
  });
  // The members map, as adding the people one by one through the portal would have written it.
  app.members = Object.fromEntries(people.map((p) => [p.id, passportPartition(p)]));
  await batchPut([
    applicationItem(app),
    ...people.map(personItem),
    doc(app.id, 'letter'),
    ...people.flatMap((p) => [doc(p.id, 'passport'), doc(p.id, 'photo')]),
  ]);
  await transact(
    counterMoves(
      { electionId: w.electionId, organizationId: w.organizationId, organizationCountry: 'AT' },
      null,
      'draft',
      PEOPLE,
    ),
  );
  const session = await issuePortalSession(
    {
      organizationId: w.organizationId,
      electionId: w.electionId,
      invitationId: w.invitationId,
      sessionId: sessionIdFor(w.codeGeneration, ulid()),
    },
    now,
  );
  return { app, people, token: session.token };
}

/** The transactions a submit of this draft writes, exactly as the submit builds them. */
export function bareTransactions(d: Draft, now: Date) {
  const at = now.toISOString();
  const after: ApplicationRecord = {
    ...d.app,
    status: 'submitted',
    submittedAt: at,
    updatedAt: at,
    version: d.app.version + 1,
  };
  const changes = d.people.map((before) => ({
    before,
    event: 'submit' as const,
    after: applyEvent(before, 'submit', { flags: [], channel: 'direct', submittedAt: at }, now),
  }));
  return planTransitions(changes, actor, now, [
    applicationReplacePut(d.app, after),
    auditPut({
      at: now,
      actor,
      entityType: 'application',
      entityId: d.app.id,
      action: 'submit',
      clause: '3.1',
      changes: diff(d.app, after),
    }),
  ]);
}

async function verifySubmitted(d: Draft): Promise<void> {
  const after = await getPeople(d.people.map((p) => p.id));
  const submitted = after.filter((p) => p.status === 'submitted').length;
  if (submitted !== PEOPLE) throw new Error(`submit incomplete: ${submitted}/${PEOPLE} submitted`);
}

export const benchmark: Benchmark = {
  name: 'submit',
  needs: ['dynamodb'],
  async run(ctx: BenchContext) {
    const { handler } = await import('#functions/http/portal/submit-application');
    const w = await world(new Date());
    let chunks = 0;
    const { a, b, ratios, pairedRatio } = await compareTimes<Draft>(
      {
        a: async (d) => {
          const event = eventFor({ portal: d.token }, submitPortalApplication, { params: { applicationId: d.app.id } });
          const res = await handler(event, lambdaContext);
          if (res.statusCode !== 200) throw new Error(`submit refused: ${res.statusCode} ${res.body}`);
        },
        b: async (d) => {
          const txs = bareTransactions(d, new Date());
          chunks = txs.length;
          for (const items of txs) await transact(items);
        },
      },
      // The emulator starts fresh for this benchmark; its JIT compiles the batch reads and PartiQL the handler
      // sends later than the transactions both send, so a few more untimed rounds than elsewhere.
      { rounds: Math.max(ctx.rounds, 11), warmup: 6, prepare: () => seedDraft(w, new Date()) },
    );
    // Both variants must have done the whole work.
    const check = await seedDraft(w, new Date());
    const event = eventFor({ portal: check.token }, submitPortalApplication, {
      params: { applicationId: check.app.id },
    });
    await handler(event, lambdaContext);
    await verifySubmitted(check);
    ctx.log(`  handler: ${fmtMs(a)}; bare transactions: ${fmtMs(b)}; table ${config().tableName}`);
    return [
      resultOf({
        name: `submit: application of ${PEOPLE} representatives, handler vs bare transactions`,
        figure: a.median,
        unit: 'ms',
        baseline: b.median,
        baselineName: `the ${chunks} TransactWriteItems alone`,
        // Each round runs both back to back under the same load: the median of the per-round ratios.
        ratio: pairedRatio,
        target: { ratioAtMost: 1.5 },
        notes: `ratio: median of the per-round ratios (${ratios.map((r) => r.toFixed(2)).join(', ')}); p50 of ${a.samples.length} rounds each (alternating, 6 warm-ups), DynamoDB Local. Handler: the application (1 GetItem; the session's 3 GetItems beside it), then its people (1 consistent BatchGetItem by the members map); the nominations of their passports (PartiQL SELECT with IN on the passport index) run beside the transactions, and flags they change are written after (none here); ${chunks} transactions of ≤ 100 actions (per person: conditional Put + audit; merged counters; the application first); answer: each person's status and flags. The machine's load varies a lot (other suites run beside): compare the samples. Handler samples ${a.samples.map((x) => x.toFixed(0)).join(', ')} ms; bare ${b.samples.map((x) => x.toFixed(0)).join(', ')} ms`,
      }),
    ];
  },
};
