/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy --all` (cdk.json runs this file with tsx). The
 * settings (context values) and the stacks are described in ./observers-app.ts; the README's
 * "Deploying to AWS" gives the commands. With `-c nag=true` cdk-nag checks the app, and any
 * unsuppressed error fails the synth.
 */
import { App } from 'aws-cdk-lib';
import { buildObserversApp, settingsFromContext } from './observers-app';
import { buildBundles } from './stacks/observers-stack';

const app = new App();
const settings = settingsFromContext(app);
// Every function bundled in one esbuild run before the stack is built (constructs are synchronous).
const bundles = await buildBundles();
buildObserversApp(app, settings, bundles);
