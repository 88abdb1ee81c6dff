/**
 * For looking at the UI by hand against the twin on free ports (no fixed ports taken):
 *   npx tsx test/e2e/serve.ts        (builds admin-ui/dist first; E2E_SKIP_BUILD=true skips it)
 * Prints the UI address and the demo access codes; Ctrl+C stops everything.
 */
import { forkTwin } from '#local/twin-fork';
import { buildUi } from './build-ui';

if (process.env.E2E_SKIP_BUILD !== 'true') await buildUi({ quiet: false });
const twin = await forkTwin({ ports: 'free', ui: 'dist', seed: true });
console.log(JSON.stringify({ ui: twin.info.urls.ui, api: twin.info.urls.api, mail: twin.info.urls.mail, oidc: twin.info.urls.oidc }, null, 2));
const stop = async () => {
  await twin.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await new Promise(() => {});
