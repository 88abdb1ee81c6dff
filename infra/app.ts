/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy` (cdk.json runs this file with tsx). Environment-
 * agnostic unless CDK_DEFAULT_ACCOUNT/REGION are set (they are, when the CLI has credentials).
 * Settings come from context (`-c key=value` or cdk.json "context"):
 *   stackName             default cec-observers
 *   mailFrom              sender address, default accreditation@shailoo.gov.kg
 *   mailDomain            SES identity domain, default the domain of mailFrom
 *   extraOrigins          comma-separated browser origins besides the admin UI's own (a dev server)
 *   uiDomainName          custom domain of the admin UI and portal (optional) ...
 *   uiCertificateArn      ... with its ACM certificate, issued in us-east-1
 *   documentRetentionDays days identity documents are kept after mandates end, default 90
 *   alarmEmail            mailbox subscribed to the alarm topic (optional)
 */
import { App } from 'aws-cdk-lib';
import { ObserversStack, buildBundles } from './stacks/observers-stack';

const app = new App();
const ctx = (key: string): string | undefined => {
  const value = app.node.tryGetContext(key);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

const retention = Number(ctx('documentRetentionDays') ?? '90');
if (!Number.isInteger(retention) || retention < 1)
  throw new Error('context documentRetentionDays must be a whole number ≥ 1');

// Every function bundled in one esbuild run before the stack is built (constructs are synchronous).
const bundles = await buildBundles();

new ObserversStack(app, ctx('stackName') ?? 'cec-observers', {
  description: 'CEC of the Kyrgyz Republic: accreditation of international observers',
  env:
    process.env.CDK_DEFAULT_ACCOUNT && process.env.CDK_DEFAULT_REGION
      ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
      : undefined,
  mailFrom: ctx('mailFrom') ?? 'accreditation@shailoo.gov.kg',
  mailDomain: ctx('mailDomain'),
  extraOrigins: (ctx('extraOrigins') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean),
  documentRetentionDays: retention,
  uiDomain: (() => {
    const name = ctx('uiDomainName');
    const certificateArn = ctx('uiCertificateArn');
    if (!name !== !certificateArn) throw new Error('context uiDomainName and uiCertificateArn go together');
    return name && certificateArn ? { name, certificateArn } : undefined;
  })(),
  alarmEmail: ctx('alarmEmail'),
  bundles,
  tags: { project: 'cec-observers' },
});
