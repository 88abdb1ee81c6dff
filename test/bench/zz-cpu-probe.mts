// scratch: where does the client CPU go? (deleted after use)
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { freePort } = await import('#local/ports');
const { startDynamoDbLocal, ensureTable, localDynamoClient } = await import('#local/dynamodb-local');
const db = await startDynamoDbLocal({ port: await freePort() });
await ensureTable(db.endpoint, 'bbb');
Object.assign(process.env, { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_DYNAMODB: db.endpoint, TABLE_NAME: 'bbb', DOCUMENTS_BUCKET: 'd', CERTIFICATES_BUCKET: 'c', PORTAL_SESSION_SECRET: 'p', CERTIFICATE_SECRET: 'x' });
const { ddb, dynamodb } = await import('#runtime/clients');
const { makePerson, newId } = await import('#test/data/fixtures');
const { personItem } = await import('#data/persons');
const local = localDynamoClient(db.endpoint);
async function run(label: string, send: (items: Record<string, unknown>[]) => Promise<unknown>) {
  const res: number[] = [];
  for (let r = 0; r < 4; r++) {
    const e = newId();
    const items = Array.from({ length: 1000 }, () => personItem(makePerson({ electionId: e })));
    const before = process.cpuUsage();
    for (let i = 0; i < items.length; i += 25) await send(items.slice(i, i + 25));
    const u = process.cpuUsage(before);
    if (r > 0) res.push((u.user + u.system) / 1000);
  }
  console.log(label.padEnd(40), res.map((x) => x.toFixed(0)).join(' '));
}
const docSend = (items: Record<string, unknown>[]) => ddb.send(new BatchWriteCommand({ RequestItems: { bbb: items.map((Item) => ({ PutRequest: { Item } })) } }));
const rawWith = (c: typeof dynamodb) => (items: Record<string, unknown>[]) => c.send(new BatchWriteItemCommand({ RequestItems: { bbb: items.map((i) => ({ PutRequest: { Item: marshall(i, { removeUndefinedValues: true }) } })) } }));
const { batchPut } = await import('#data/transact');
async function runAll(label: string, fn: (items: Record<string, unknown>[]) => Promise<unknown>) {
  const res: string[] = [];
  for (let r = 0; r < 4; r++) {
    const e = newId();
    const items = Array.from({ length: 1000 }, () => personItem(makePerson({ electionId: e })));
    const before = process.cpuUsage(); const t = performance.now();
    await fn(items);
    const u = process.cpuUsage(before);
    if (r > 0) res.push(`${((u.user + u.system) / 1000).toFixed(0)}cpu/${(performance.now()-t).toFixed(0)}wall`);
  }
  console.log(label.padEnd(40), res.join(' '));
}
async function conc(items: Record<string, unknown>[], send: (c: Record<string, unknown>[]) => Promise<unknown>) {
  const chunks: Record<string, unknown>[][] = []; for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0; await Promise.all(Array.from({ length: 4 }, async () => { while (next < chunks.length) { const c = chunks[next++]; if (c) await send(c); } }));
}
await runAll('batchPut (repo)', (items) => batchPut(items));
await runAll('conc4 doc client', (items) => conc(items, docSend));
await runAll('conc4 raw local', (items) => conc(items, rawWith(local)));
await runAll('conc4 raw product client', (items) => conc(items, rawWith(dynamodb)));
await runAll('batchPut (repo) again', (items) => batchPut(items));
await run('doc client (product ddb)', docSend);
await run('raw on product dynamodb client', rawWith(dynamodb));
await run('raw on localDynamoClient', rawWith(local));
await run('doc client (product ddb) again', docSend);
let m = process.cpuUsage(); const e = newId(); const its = Array.from({ length: 1000 }, () => personItem(makePerson({ electionId: e }))); for (let k=0;k<3;k++) its.map((i) => marshall(i, { removeUndefinedValues: true })); m = process.cpuUsage(m); console.log('marshall only x1000:', ((m.user+m.system)/3000).toFixed(0));
local.destroy(); await db.stop();
