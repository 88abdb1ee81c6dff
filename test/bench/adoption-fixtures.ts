/**
 * What the adoption benchmarks share: a resolution of n accreditations ready to adopt, the bare
 * transactional writes such an adoption needs (written by hand with the SDK, every record built before
 * the clock starts), and the check of an adoption's outcome.
 */
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { auditRecord } from '#data/audit';
import { statusCounts } from '#data/counters';
import { keys } from '#data/keys';
import { outboxRecord } from '#data/outbox';
import { getPeople, personItem } from '#data/persons';
import { resolutionItemRecord } from '#data/resolutions/items';
import { batchPut } from '#data/transact';
import { createDraft, setItems } from '#decisions/composition';
import type { Person } from '#schemas/person';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import {
  NOW,
  TODAY,
  adminActor,
  personOf,
  reviewerActor,
  seedElection,
  seedOrganization,
  seedPeople,
} from '#test/data/decisions-fixtures';
import { timeOnce } from './harness';

const COUNTRIES = ['DE', 'KZ', 'PL', 'FR', 'IT', 'JP', 'NG', 'LB', 'DK', 'BR'];

/**
 * A fresh election with 25 organizations in 10 countries, n people, and a draft of n accreditations.
 * `compose: 'api'` composes through setItems (timed); `'direct'` writes the items straight (large drafts).
 */
export async function prepareAdoption(n: number, compose: 'api' | 'direct' = 'api') {
  const e = await seedElection();
  const orgs: Awaited<ReturnType<typeof seedOrganization>>[] = [];
  for (let i = 0; i < 25; i++) orgs.push(await seedOrganization(`Mission ${i}`, COUNTRIES[i % COUNTRIES.length]));
  const people: Person[] = Array.from({ length: n }, (_, i) => personOf(e, orgs[i % orgs.length]!, i));
  await seedPeople(people);
  const r = await createDraft(
    e.id,
    { number: `B-${n}-${e.id}`, adoptedOn: TODAY, kind: 'accreditation' },
    reviewerActor,
    NOW,
  );
  let composeMs = 0;
  if (compose === 'api') {
    composeMs = await timeOnce(() =>
      setItems(
        r.id,
        people.map((p) => ({ personId: p.id, decision: 'accredit' as const })),
        reviewerActor,
        NOW,
      ),
    );
  } else {
    const at = NOW.toISOString();
    await batchPut(
      people.map((p) =>
        resolutionItemRecord({
          resolutionId: r.id,
          personId: p.id,
          electionId: e.id,
          organizationId: p.organizationId,
          familyNameLatin: p.familyNameLatin,
          givenNamesLatin: p.givenNamesLatin,
          citizenship: p.citizenship,
          decision: 'accredit',
          ground: null,
          revocationReason: null,
          gross: false,
          reason: '',
          createdAt: at,
          updatedAt: at,
        }),
      ),
    );
    await ddb.send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: keys.resolution(r.id),
        UpdateExpression: 'SET itemCount = :n, #c.accredit = :n, itemsRevision = itemsRevision + :one',
        ExpressionAttributeNames: { '#c': 'counts' },
        ExpressionAttributeValues: { ':n': n, ':one': 1 },
      }),
    );
  }
  return { e, r, people, composeMs };
}

/**
 * The bare writes of adopting `people`: per person the Put conditional on status and version (carrying
 * the decision and the number), its audit entry, the certificate and its outbox message; per transaction
 * one ADD per counter item, the election's check and the resolution's progress. 23 people per
 * transaction, organization by organization (≤ 99 actions). Returns the time of the sends alone.
 */
export async function bareAdoption(
  e: { id: string; version: number },
  resolutionId: string,
  people: readonly Person[],
): Promise<number> {
  const table = config().tableName;
  const sorted = [...people].sort((a, b) => a.organizationId.localeCompare(b.organizationId));
  const transactions: TransactWriteCommand[] = [];
  const progress = keys.sequence(e.id, `bare-${resolutionId}`);
  for (let i = 0; i < sorted.length; i += 23) {
    const chunk = sorted.slice(i, i + 23);
    const items: NonNullable<TransactWriteCommand['input']['TransactItems']> = [];
    const counters = new Map<string, { key: { pk: string; sk: string }; n: number }>();
    for (const [k, p] of chunk.entries()) {
      const number = `BARE-${resolutionId.slice(-6)}-${i + k}`;
      const after = {
        ...p,
        status: 'accredited' as const,
        certificateNumber: number,
        decisions: [{ resolutionId, outcome: 'accredited' }],
        version: p.version + 1,
      } as unknown as Person;
      items.push({
        Put: {
          TableName: table,
          Item: personItem(after),
          ConditionExpression: '#s = :s AND #v = :v',
          ExpressionAttributeNames: { '#s': 'status', '#v': 'version' },
          ExpressionAttributeValues: { ':s': p.status, ':v': p.version },
        },
      });
      items.push({
        Put: {
          TableName: table,
          Item: auditRecord({
            at: NOW,
            actor: adminActor,
            entityType: 'person',
            entityId: p.id,
            action: 'accredit',
            changes: { status: { from: p.status, to: 'accredited' } },
          }),
        },
      });
      items.push({
        Put: {
          TableName: table,
          Item: { ...keys.certificate(e.id, number), entity: 'certificate', personId: p.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      items.push({
        Put: {
          TableName: table,
          Item: outboxRecord(
            {
              kind: 'certificate',
              template: 'certificate',
              payload: { electionId: e.id, personId: p.id, certificateNumber: number },
            },
            NOW,
          ),
        },
      });
      for (const key of [
        keys.statusCounter(e.id),
        keys.orgCounter(e.id, p.organizationId),
        keys.countryCounter(e.id, p.organizationCountry),
      ]) {
        const id = `${key.pk}|${key.sk}`;
        counters.set(id, { key, n: (counters.get(id)?.n ?? 0) + 1 });
      }
    }
    for (const { key, n } of counters.values()) {
      items.push({
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression: 'ADD #from :dec, #to :inc',
          ExpressionAttributeNames: { '#from': chunk[0]!.status, '#to': 'accredited' },
          ExpressionAttributeValues: { ':dec': -n, ':inc': n },
        },
      });
    }
    items.push({
      ConditionCheck: {
        TableName: table,
        Key: keys.election(e.id),
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': e.version },
      },
    });
    items.push({
      Update: {
        TableName: table,
        Key: progress,
        UpdateExpression: 'ADD #d :n',
        ExpressionAttributeNames: { '#d': 'done' },
        ExpressionAttributeValues: { ':n': chunk.length },
      },
    });
    transactions.push(new TransactWriteCommand({ TransactItems: items }));
  }
  return timeOnce(async () => {
    for (const t of transactions) await ddb.send(t);
  });
}

export async function verifyAdoption(electionId: string, people: readonly Person[], prefix = ''): Promise<void> {
  const after = await getPeople(people.map((p) => p.id));
  const accredited = after.filter((p) => p.status === 'accredited' && p.decisions.length === 1);
  const numbers = new Set(after.map((p) => p.certificateNumber));
  const counts = await statusCounts(electionId);
  if (accredited.length !== people.length || numbers.size !== people.length || counts.accredited !== people.length) {
    throw new Error(
      `${prefix}adoption incomplete: ${accredited.length}/${people.length} accredited, ${numbers.size} numbers, counter ${counts.accredited}`,
    );
  }
}
