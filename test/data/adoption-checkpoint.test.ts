/**
 * Resuming an adoption from its checkpoint (3.3): the progress each chunk writes names the last person
 * applied, so a resumption after a crash reads only the people after it, and still applies every
 * person exactly once (one decision, one status change with its audit entry, one outbox message, one
 * certificate number). A checkpoint the counts contradict is not trusted: everyone is read again.
 * Crashes fall on chunks drawn from a seed (TEST_SEED), printed with any failure.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statusCounts } from '#data/counters';
import { keys } from '#data/keys';
import { getPeople } from '#data/persons';
import { getResolution } from '#data/resolutions/drafts';
import { allItems, itemViews } from '#data/resolutions/items';
import { adoptResolution, applicationOrder } from '#decisions/adoption';
import { createDraft, setItems } from '#decisions/composition';
import type { Person } from '#schemas/person';
import type { ResolutionItemInput } from '#schemas/resolution';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import {
  NOW,
  TODAY,
  adminActor,
  clockAt,
  outboxFor,
  partition,
  personOf,
  reviewerActor,
  seedElection,
  seedOrganization,
  seedPeople,
} from './decisions-fixtures';
import { seeded } from '#test/fixtures/seeded';

const SEED = Number(process.env.TEST_SEED ?? 20270315);

/** People read by id (BatchGetItem keys `PERSON#…`) while the counter is on: what a run reads. */
const READS = 'count-person-reads';
let personReads = 0;

beforeEach(() => {
  personReads = 0;
  ddb.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'BatchGetCommand' || context.commandName === 'BatchGetItemCommand') {
        const input = args.input as { RequestItems?: Record<string, { Keys?: Record<string, unknown>[] }> };
        for (const { Keys = [] } of Object.values(input.RequestItems ?? {})) {
          for (const key of Keys) {
            const pk = key.pk as string | { S?: string };
            if ((typeof pk === 'string' ? pk : pk.S)?.startsWith('PERSON#')) personReads++;
          }
        }
      }
      return next(args);
    },
    { step: 'initialize', name: READS },
  );
});

afterEach(() => {
  ddb.middlewareStack.remove(READS);
});

let numberSeq = 0;

/** An election with people of three organizations in a draft of mixed decisions, drawn from `random`. */
async function prepare(random: () => number, n: number) {
  const e = await seedElection();
  const orgs = [
    await seedOrganization('Mission K1', 'DE'),
    await seedOrganization('Mission K2', 'PL'),
    await seedOrganization('Mission K3', 'DE'),
  ];
  const people: Person[] = Array.from({ length: n }, (_, i) => personOf(e, orgs[Math.floor(random() * 3)]!, i));
  await seedPeople(people);
  const r = await createDraft(
    e.id,
    { number: `K-${process.pid}-${++numberSeq}`, adoptedOn: TODAY, kind: 'accreditation' },
    reviewerActor,
    NOW,
  );
  const inputs: ResolutionItemInput[] = people.map((p) =>
    random() < 0.2
      ? { personId: p.id, decision: 'refuse', ground: 'AIMS_CONTRARY_TO_LAW', reason: 'Statutory aims' }
      : { personId: p.id, decision: 'accredit' },
  );
  await setItems(r.id, inputs, reviewerActor, NOW);
  const refused = inputs.filter((i) => i.decision === 'refuse').length;
  return { e, r, people, accredited: n - refused, refused };
}

/** Everyone decided once: one decision, one status-change audit entry, one outbox message, numbers unique. */
async function expectExactlyOnce(
  electionId: string,
  resolutionId: string,
  people: readonly Person[],
  expected: { accredited: number; refused: number },
  why: string,
) {
  const after = await getPeople(people.map((p) => p.id));
  expect(after, why).toHaveLength(people.length);
  for (const p of after) {
    expect(p.decisions, `${why}: ${p.id}`).toEqual([expect.objectContaining({ resolutionId })]);
    expect(p.status, `${why}: ${p.id}`).toBe(p.decisions[0]!.outcome);
  }
  const numbers = after.flatMap((p) => (p.certificateNumber ? [p.certificateNumber] : []));
  expect(new Set(numbers).size, why).toBe(expected.accredited);
  expect(numbers, why).toHaveLength(expected.accredited);
  const outbox = await outboxFor(people.map((p) => p.id));
  expect(outbox, why).toHaveLength(people.length);
  expect(new Set(outbox.map((o) => o.entityId)).size, why).toBe(people.length);
  expect(
    outbox.filter((o) => o.template === 'certificate'),
    why,
  ).toHaveLength(expected.accredited);
  for (const p of people) {
    const trail = await partition(keys.audit('person', p.id, '', '').pk);
    const changes = trail.filter((x) => x.action === 'accredit' || x.action === 'refuse');
    expect(changes, `${why}: audit of ${p.id}`).toHaveLength(1);
  }
  const counts = await statusCounts(electionId);
  expect(
    { accredited: counts.accredited ?? 0, refused: counts.refused ?? 0, submitted: counts.submitted ?? 0 },
    why,
  ).toEqual({ ...expected, submitted: 0 });
}

describe('resuming an adoption from its checkpoint', () => {
  it('reads only the people after the checkpoint, and applies every person exactly once', async () => {
    const random = seeded(SEED);
    const why = `seed ${SEED}`;
    const n = 48;
    const { e, r, people, accredited, refused } = await prepare(random, n);

    // 30 actions: about 5 people a chunk, 10 or more chunks; up to three crashes after random chunks.
    let crashes = 0;
    for (let run = 1; run <= 4; run++) {
      const before = await getResolution(r.id);
      const applied = (await itemViews(await allItems(r.id))).filter((i) => i.state === 'applied');
      if (before.status === 'adopting') {
        // The checkpoint is the last applied person in the order of application.
        const last = applied
          .map((i) => ({ organizationId: i.organizationId, personId: i.personId }))
          .sort(applicationOrder)
          .at(-1);
        expect(before.adoption?.checkpoint, why).toEqual(last);
        expect(applied, why).toHaveLength(before.adoption!.done);
      }
      const crashAfter = run <= 3 ? 1 + Math.floor(random() * 3) : Number.POSITIVE_INFINITY;
      let chunks = 0;
      personReads = 0;
      const out = await adoptResolution(r.id, adminActor, clockAt(), {
        maxActions: 30,
        afterChunk: () => {
          if (++chunks === crashAfter) throw new Error(`crash (${why})`);
        },
      }).catch((x: unknown) => x);
      // A first attempt reads everyone; a resumption only the people after the checkpoint.
      expect(personReads, `${why}, run ${run}`).toBe(before.status === 'adopting' ? n - before.adoption!.done : n);
      if (out instanceof Error) {
        expect(out.message, why).toBe(`crash (${why})`);
        crashes++;
        continue;
      }
      expect(out, why).toMatchObject({ resolution: { status: 'adopted' } });
      break;
    }
    expect(crashes, why).toBeGreaterThan(0);
    expect(await getResolution(r.id), why).toMatchObject({
      status: 'adopted',
      adoption: { done: n, total: n, attempt: crashes + 1 },
      outcome: { accredited, refused },
    });
    await expectExactlyOnce(e.id, r.id, people, { accredited, refused }, why);
  });

  it('does not trust a checkpoint the counts contradict: reads everyone, applies the rest once', async () => {
    const random = seeded(SEED + 1);
    const why = `seed ${SEED + 1}`;
    const n = 30;
    const { e, r, people, accredited, refused } = await prepare(random, n);
    const crashAfter = 1 + Math.floor(random() * 3);
    let chunks = 0;
    await expect(
      adoptResolution(r.id, adminActor, clockAt(), {
        maxActions: 30,
        afterChunk: () => {
          if (++chunks === crashAfter) throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    const mid = await getResolution(r.id);
    expect(mid.status, why).toBe('adopting');
    // A checkpoint on any other item than the last applied one: trusting it would skip or repeat people.
    const items = (await allItems(r.id))
      .map((i) => ({ organizationId: i.organizationId, personId: i.personId }))
      .sort(applicationOrder);
    const wrong = items.filter((_, i) => i !== mid.adoption!.done - 1);
    const bogus = wrong[Math.floor(random() * wrong.length)]!;
    await ddb.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: keys.resolution(r.id),
        UpdateExpression: 'SET #ad.#cp = :cp',
        ExpressionAttributeNames: { '#ad': 'adoption', '#cp': 'checkpoint' },
        ExpressionAttributeValues: { ':cp': bogus },
      }),
    );
    personReads = 0;
    const done = await adoptResolution(r.id, adminActor, clockAt(), { maxActions: 30 });
    expect(done.resolution, why).toMatchObject({ status: 'adopted', adoption: { done: n, total: n } });
    expect(personReads, why).toBe(n);
    await expectExactlyOnce(e.id, r.id, people, { accredited, refused }, why);
  });
});
