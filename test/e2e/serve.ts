/**
 * For looking at the UI by hand against the twin on free ports (no fixed ports taken):
 *   npx tsx test/e2e/serve.ts        (builds admin-ui/dist first; E2E_SKIP_BUILD=true skips it)
 * Prints the addresses and writes test-artifacts/e2e-twin-info.json; Ctrl+C stops everything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { forkTwin } from '#local/twin-fork';
import { buildUi } from './build-ui';

if (process.env.E2E_SKIP_BUILD !== 'true') await buildUi({ quiet: false });
const twin = await forkTwin({ ports: 'free', ui: 'dist', seed: true });
mkdirSync('test-artifacts', { recursive: true });
console.log(JSON.stringify({ ui: twin.info.urls.ui, api: twin.info.urls.api, mail: twin.info.urls.mail }, null, 2));
// The browser tests can run against this twin: E2E_TWIN_INFO="$(cat test-artifacts/e2e-twin-info.json)".
writeFileSync('test-artifacts/e2e-twin-info.json', JSON.stringify(twin.info));
const stop = async () => {
  await twin.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await new Promise(() => {});
