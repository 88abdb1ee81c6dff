import { freePort } from '#local/ports';
import { ensureTable, startDynamoDbLocal } from '#local/dynamodb-local';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const port = await freePort();
const db = await startDynamoDbLocal({ port });
await ensureTable(db.endpoint, 'prof-table');
Object.assign(process.env, {
  AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: db.endpoint, TABLE_NAME: 'prof-table', DOCUMENTS_BUCKET: 'd', CERTIFICATES_BUCKET: 'c',
  PORTAL_SESSION_SECRET: 'x'.repeat(40), CERTIFICATE_SECRET: 'y'.repeat(40), LOCAL_TWIN: 'true', LOG_LEVEL: 'ERROR',
});
const { ddb } = await import('#runtime/clients');
const times: Record<string, { n: number; ms: number }> = {};
ddb.middlewareStack.add((next, context) => async (args) => {
  const t = performance.now();
  try { return await next(args); } finally {
    const k = context.commandName ?? '?';
    const e = (times[k] ??= { n: 0, ms: 0 }); e.n++; e.ms += performance.now() - t;
  }
}, { step: 'initialize', name: 'timer' });
const { benchmark } = await import('./adoption');
void benchmark;
const f = await import('#test/data/decisions-fixtures');
const { adoptResolution } = await import('#decisions/adoption');
const { createDraft, setItems } = await import('#decisions/composition');
for (const round of [0, 1]) {
  const e = await f.seedElection();
  const orgs: Awaited<ReturnType<typeof f.seedOrganization>>[] = [];
  for (let i = 0; i < 25; i++) orgs.push(await f.seedOrganization(`M${i}`, ['DE','FR','PL','IT','KZ'][i % 5]));
  const people = Array.from({ length: 1000 }, (_, i) => f.personOf(e, orgs[i % 25]!, i));
  let t0 = performance.now();
  await f.seedPeople(people);
  console.log('seed', Math.round(performance.now() - t0));
  const { transact } = await import('#data/transact');
  const { auditPut } = await import('#data/audit');
  t0 = performance.now();
  for (let c = 0; c < 10; c++) await transact(Array.from({ length: 100 }, (_, i) => auditPut({ at: new Date(), actor: f.adminActor, entityType: 'x', entityId: `${round}-${c}-${i}`, action: 'probe' })));
  console.log('10 tx of 100 audit puts', Math.round(performance.now() - t0));
  const { batchPut } = await import('#data/audit').then(async () => import('#data/transact'));
  const { auditRecord } = await import('#data/audit');
  t0 = performance.now();
  await batchPut(Array.from({ length: 1000 }, (_, i) => auditRecord({ at: new Date(), actor: f.adminActor, entityType: 'y', entityId: `${round}-${i}`, action: 'probe' })));
  console.log('batchPut 1000 audit', Math.round(performance.now() - t0));
  const r = await createDraft(e.id, { number: `N${round}`, adoptedOn: f.TODAY, kind: 'accreditation' }, f.reviewerActor, f.NOW);
  await setItems(r.id, people.map((p) => ({ personId: p.id, decision: 'accredit' as const })), f.reviewerActor, f.NOW);
  for (const k of Object.keys(times)) delete times[k];
  const t = performance.now();
  const out = await adoptResolution(r.id, f.adminActor, f.clockAt());
  console.log(round, Math.round(performance.now() - t), 'ms', out.resolution.adoption?.chunks, 'chunks');
  console.log(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, `${v.n} calls ${Math.round(v.ms)} ms avg ${(v.ms / v.n).toFixed(1)}`])));
}
await db.stop();
