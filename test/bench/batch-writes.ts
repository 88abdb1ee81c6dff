/**
 * Batched writes of 1,000 representatives: the repository (`putPeopleBatch`: lib-dynamodb's document
 * client through `batchPut`) against raw BatchWriteItem calls of @aws-sdk/client-dynamodb, on the same
 * items, with the same concurrency (4 requests in flight) and the same retry of unprocessed items. The
 * raw variant is given the finished items (keys already built) and only marshals them, so it is the
 * strictest baseline: the ratio is the whole cost of the repository layer. Target: ratio ≤ 1.2.
 */
import { cpus, loadavg } from 'node:os';
import { BatchWriteItemCommand, type DynamoDBClient, QueryCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { indexPartitions } from '#data/keys';
import { personItem, putPeopleBatch } from '#data/persons';
import type { Person } from '#schemas/person';
import { makePerson, newId } from '#test/data/fixtures';
import { type Benchmark, type BenchContext, compareTimes, fmtMs, resultOf } from './harness';

const PEOPLE = 1000;
const CONCURRENCY = 4;
const MIN_ROUNDS = 9;

const FAMILY = ['Ivanova', 'Schmidt', 'Kowalski', 'Dupont', 'Rossi', 'Nakamura', 'Okafor', 'Haddad', 'Jensen', 'Silva'];
const GIVEN = ['Anna', 'Timur', 'Maria', 'Jean', 'Aigerim', 'Olaf', 'Chen', 'Amina', 'Pedro', 'Lena'];
const COUNTRIES = ['DE', 'KZ', 'PL', 'FR', 'IT', 'JP', 'NG', 'LB', 'DK', 'BR'];

/** One election's worth of people from 25 organizations in 10 countries, with varied names. */
function template(): Person[] {
  const electionId = newId();
  const orgs = Array.from({ length: 25 }, (_, i) => ({
    organizationId: newId(),
    organizationCountry: COUNTRIES[i % COUNTRIES.length] as string,
  }));
  return Array.from({ length: PEOPLE }, (_, i) =>
    makePerson({
      electionId,
      ...orgs[i % orgs.length]!,
      familyNameLatin: FAMILY[i % FAMILY.length] as string,
      givenNamesLatin: `${GIVEN[(i * 7) % GIVEN.length]} ${String.fromCharCode(65 + (i % 26))}`,
      citizenship: COUNTRIES[(i * 3) % COUNTRIES.length] as string,
      status: 'submitted',
    }),
  );
}

/** The same people under a new election and new ids: identical sizes and shapes, distinct keys. */
function copyOf(people: readonly Person[]): Person[] {
  const electionId = newId();
  return people.map((p) => ({ ...p, id: newId(), electionId }));
}

async function rawBatchWrite(client: DynamoDBClient, tableName: string, items: Record<string, unknown>[]) {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  async function worker() {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      if (!chunk) break;
      let requests: WriteRequest[] = chunk.map((item) => ({
        PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
        requests = out.UnprocessedItems?.[tableName] ?? [];
        if (requests.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, worker));
}

async function countPeople(client: DynamoDBClient, tableName: string, electionId: string): Promise<number> {
  let count = 0;
  let start: QueryCommand['input']['ExclusiveStartKey'];
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: indexPartitions.peopleOfElection(electionId) } },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

export const benchmark: Benchmark = {
  name: 'batch-writes',
  needs: ['dynamodb'],
  async run(ctx: BenchContext) {
    const db = ctx.dynamodb;
    if (!db) throw new Error('batch-writes needs DynamoDB');
    const people = template();
    const last: { a?: Person[]; b?: Person[] } = {};

    // At least 9 rounds: the ratio is a median of per-round ratios, and a shared machine is noisy.
    const rounds = Math.max(ctx.rounds, MIN_ROUNDS);
    const {
      a: repo,
      b: raw,
      ratios,
      pairedRatio,
      cpu,
    } = await compareTimes<Person[]>(
      {
        a: (batch) => putPeopleBatch(batch),
        b: (batch) => rawBatchWrite(db.client, db.tableName, batch.map(personItem)),
      },
      {
        rounds,
        warmup: 1,
        prepare: (_round, variant) => {
          const batch = copyOf(people);
          last[variant] = batch;
          return batch;
        },
      },
    );

    // The noise floor of this machine, now: the raw variant against itself, paired the same way. On a
    // quiet machine it is within a few per cent of 1; the further it is, the less the ratio above means.
    const control = await compareTimes<Person[]>(
      {
        a: (batch) => rawBatchWrite(db.client, db.tableName, batch.map(personItem)),
        b: (batch) => rawBatchWrite(db.client, db.tableName, batch.map(personItem)),
      },
      { rounds: Math.ceil(rounds / 2), warmup: 0, prepare: () => copyOf(people) },
    );

    // A benchmark that did not write everything would flatter itself: count what arrived.
    for (const [variant, batch] of Object.entries(last)) {
      const electionId = batch?.[0]?.electionId ?? '';
      const n = await countPeople(db.client, db.tableName, electionId);
      if (n !== PEOPLE) throw new Error(`${variant}: ${n} of ${PEOPLE} people written`);
    }
    ctx.log(`  repository putPeopleBatch: ${fmtMs(repo)}`);
    ctx.log(`  raw BatchWriteItem:        ${fmtMs(raw)}`);
    ctx.log(`  client CPU: repository median ${cpu.a.median.toFixed(0)} ms, raw ${cpu.b.median.toFixed(0)} ms`);
    ctx.log(`  A/A control (raw vs raw): ${control.pairedRatio.toFixed(3)}`);
    ctx.log(`  per-round ratios: ${ratios.map((r) => r.toFixed(2)).join(', ')} (median ${pairedRatio.toFixed(3)})`);

    const rate = (ms: number) => (PEOPLE / ms) * 1000;
    return [
      resultOf({
        name: 'batch-writes: 1,000 representatives, repository vs raw BatchWriteItem',
        figure: repo.median,
        unit: 'ms',
        baseline: raw.median,
        baselineName: 'raw BatchWriteItem',
        ratio: pairedRatio,
        target: { ratioAtMost: 1.2 },
        notes: [
          `figures: medians of ${rounds} rounds after 1 warm-up, the variants alternating in order;`,
          `ratio: median of the per-round ratios (${ratios.map((r) => r.toFixed(2)).join(', ')});`,
          `${CONCURRENCY} requests in flight in both; every item counted back through gsi5;`,
          `repository ms ${repo.samples.map((s) => s.toFixed(0)).join(', ')}; raw ms ${raw.samples.map((s) => s.toFixed(0)).join(', ')}`,
        ].join(' '),
      }),
      resultOf({
        name: 'batch-writes: client CPU per 1,000 representatives, repository vs raw',
        figure: cpu.a.median,
        unit: 'ms CPU',
        baseline: cpu.b.median,
        baselineName: 'raw BatchWriteItem',
        target: { none: true },
        notes: "this process's own CPU time: the repository layer's cost, independent of the machine's load",
      }),
      resultOf({
        name: 'batch-writes: noise floor (raw vs raw, paired like the comparison)',
        figure: control.a.median,
        unit: 'ms',
        baseline: control.b.median,
        baselineName: 'raw BatchWriteItem',
        ratio: control.pairedRatio,
        target: { none: true },
        notes: `${control.ratios.length} rounds; per-round ratios ${control.ratios.map((r) => r.toFixed(2)).join(', ')}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${cpus().length} CPUs`,
      }),
      resultOf({
        name: 'batch-writes: throughput (repository)',
        figure: rate(repo.median),
        unit: 'items/s',
        baseline: rate(raw.median),
        baselineName: 'raw BatchWriteItem',
        target: { none: true },
        notes: 'DynamoDB Local on this machine; real DynamoDB on-demand differs (network latency, partition limits)',
      }),
    ];
  },
};
