/**
 * `npm start`: the whole product on this machine, in one process (plus DynamoDB Local's Java), with
 * demo data. Flags: --persist (keep data under .local/), --no-seed, --ui=dev|dist|off, --quiet (no
 * request log). Ctrl-C or SIGTERM stops everything; nothing is left running.
 */
import { DEMO_PASSWORD, DEMO_USERS } from './oidc';
import { PortInUseError } from './ports';
import { type Twin, startTwin } from './twin';
import type { UiMode } from './ui';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

if (flag('help')) {
  console.log('npm start -- [--persist] [--no-seed] [--ui=dev|dist|off] [--quiet]');
  process.exit(0);
}

function summary(twin: Twin): string {
  const u = twin.urls;
  const pad = (s: string) => s.padEnd(16);
  const seed = twin.seed;
  const lines = [
    '',
    `CEC international observers: local twin ready in ${(twin.readyMs / 1000).toFixed(1)} s`,
    `  (at ${Object.entries(twin.timings)
      .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')})`,
    '',
    `  ${pad('API')}${u.api}/v1   OpenAPI: ${u.openapi}`,
    `  ${pad('Admin UI')}${u.ui ? `${u.ui}   (${twin.uiMode === 'dev' ? 'Vite dev server' : 'admin-ui/dist'})` : 'not started (no admin-ui/vite.config.ts or dist; --ui=off)'}`,
    ...(u.ui ? [`  ${pad('Portal')}${u.ui}/#/portal`] : []),
    ...(u.ui && seed?.elections[0] ? [`  ${pad('Public list')}${u.ui}/list/${seed.elections[0].id}`] : []),
    `  ${pad('Mail viewer')}${u.mail}   JSON: ${u.mail}/store`,
    `  ${pad('S3')}${u.s3}   buckets ${twin.env.DOCUMENTS_BUCKET}, ${twin.env.CERTIFICATES_BUCKET}`,
    `  ${pad('Sign-in (OIDC)')}${u.oidc}   client id ${twin.env.TWIN_OIDC_CLIENT_ID}`,
    `  ${pad('DynamoDB Local')}${u.dynamodb}   table ${twin.env.TABLE_NAME}, ${twin.persist ? 'kept in .local/dynamodb' : 'in memory (--persist keeps it)'}`,
    '',
    `  Demo users, password "${DEMO_PASSWORD}", then the code of an authenticator app (TOTP secret below;`,
    '  `npm run totp -- <user>` prints the current code):',
    ...DEMO_USERS.map(
      (d) =>
        `    ${d.username.padEnd(22)}${d.groups.join(', ').padEnd(14)}${
          d.totpSecret
            ? `TOTP secret ${d.totpSecret}`
            : 'first sign-in: sets a new password, then scans the QR code of a new secret'
        }`,
    ),
    '',
  ];
  if (seed) {
    lines.push(`  Demo data: ${seed.summary}`);
    for (const note of seed.notes) lines.push(`    (${note})`);
    for (const code of seed.accessCodes) {
      lines.push(`    portal access code of ${code.organization}: ${code.code}`);
    }
    lines.push('');
  }
  lines.push(
    '  Token:  curl -s -X POST ' +
      `${u.oidc}/token -d grant_type=password -d username=admin@cec.local -d password=${DEMO_PASSWORD}`,
    '  Clock:  npm run clock -- show | advance 3d | set 2027-03-11T00:00+06:00 | reset | job close-windows | dead-letters',
    '  Stop:   Ctrl-C',
    '',
  );
  return lines.join('\n');
}

const quiet = flag('quiet');
let twin: Twin | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the twin...');
  try {
    await twin?.stop();
  } finally {
    process.exit(code);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130); // a second Ctrl-C: leave at once (the Java watchdog still stops DynamoDB Local)
    void shutdown(0);
  });
}

try {
  twin = await startTwin({
    tolerateSeedFailure: true,
    ...(flag('persist') ? { persist: true } : {}),
    ...(flag('no-seed') ? { seed: false } : {}),
    ...(value('ui') ? { ui: value('ui') as UiMode } : {}),
    log: (line) => {
      if (quiet && / -> \d{3} /.test(line)) return;
      console.log(line);
    },
  });
  console.log(summary(twin));
} catch (err) {
  if (err instanceof PortInUseError) console.error(`\nThe twin cannot start:\n${err.message}\n`);
  else console.error('\nThe twin failed to start:', err);
  await shutdown(1);
}
