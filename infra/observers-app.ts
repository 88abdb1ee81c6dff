/**
 * The CDK app's stacks, from settings: the product's stack in its region and, in us-east-1, the edge
 * stack with the WAF web ACL of its CloudFront distribution (./stacks/edge-stack.ts). Used by
 * ./app.ts (`npx cdk synth|deploy`) and by the tests, which synthesize with the README's values.
 *
 * Settings come from context (`-c key=value` or cdk.json "context"):
 *   stackName             default cec-observers (the edge stack is <stackName>-edge)
 *   region                the product's region, default the CLI's (CDK_DEFAULT_REGION), else eu-central-1
 *   mailFrom              sender address, default accreditation@shailoo.gov.kg
 *   mailDomain            SES identity domain, default the domain of mailFrom
 *   extraOrigins          comma-separated browser origins besides the product's own domain (a dev server)
 *   uiDomainName          custom domain of the product (admin UI, portal, public pages, API) ...
 *   uiCertificateArn      ... with its ACM certificate, issued in us-east-1
 *   documentRetentionDays days identity documents are kept after mandates end, default 90
 *   alarmEmail            mailbox subscribed to the alarm topic (optional)
 *   nag                   true: check the app with cdk-nag (AwsSolutions, Serverless); errors fail synth
 */
import type { App } from 'aws-cdk-lib';
import type { Bundle } from './constructs/bundles';
import { applyNagPacks } from './nag';
import { EDGE_REGION, EdgeStack } from './stacks/edge-stack';
import { ObserversStack, type ObserversStackProps } from './stacks/observers-stack';

export const DEFAULT_REGION = 'eu-central-1';

export interface AppSettings {
  stackName: string;
  region: string;
  account?: string;
  mailFrom: string;
  mailDomain?: string;
  extraOrigins: string[];
  uiDomain?: { name: string; certificateArn: string };
  documentRetentionDays: number;
  alarmEmail?: string;
  nag: boolean;
}

export function settingsFromContext(app: App, env: NodeJS.ProcessEnv = process.env): AppSettings {
  const ctx = (key: string): string | undefined => {
    const value = app.node.tryGetContext(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const retention = Number(ctx('documentRetentionDays') ?? '90');
  if (!Number.isInteger(retention) || retention < 1) {
    throw new Error('context documentRetentionDays must be a whole number ≥ 1');
  }
  const name = ctx('uiDomainName');
  const certificateArn = ctx('uiCertificateArn');
  if (!name !== !certificateArn) throw new Error('context uiDomainName and uiCertificateArn go together');
  if (certificateArn && !certificateArn.includes(`:${EDGE_REGION}:`)) {
    throw new Error(`context uiCertificateArn must be a certificate in ${EDGE_REGION} (CloudFront takes only those)`);
  }
  return {
    stackName: ctx('stackName') ?? 'cec-observers',
    region: ctx('region') ?? env.CDK_DEFAULT_REGION ?? DEFAULT_REGION,
    account: env.CDK_DEFAULT_ACCOUNT,
    mailFrom: ctx('mailFrom') ?? 'accreditation@shailoo.gov.kg',
    mailDomain: ctx('mailDomain'),
    extraOrigins: (ctx('extraOrigins') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    uiDomain: name && certificateArn ? { name, certificateArn } : undefined,
    documentRetentionDays: retention,
    alarmEmail: ctx('alarmEmail'),
    nag: ctx('nag') === 'true',
  };
}

export function buildObserversApp(
  app: App,
  settings: AppSettings,
  bundles: ReadonlyMap<string, Bundle>,
  extra: Partial<ObserversStackProps> = {},
): { main: ObserversStack; edge: EdgeStack } {
  const edge = new EdgeStack(app, `${settings.stackName}-edge`, {
    description: 'CEC of the Kyrgyz Republic, international observers: WAF web ACL of the CloudFront distribution',
    env: { account: settings.account, region: EDGE_REGION },
    crossRegionReferences: true,
    tags: { project: 'cec-observers' },
  });
  const main = new ObserversStack(app, settings.stackName, {
    description: 'CEC of the Kyrgyz Republic: accreditation of international observers',
    env: { account: settings.account, region: settings.region },
    crossRegionReferences: true,
    mailFrom: settings.mailFrom,
    mailDomain: settings.mailDomain,
    extraOrigins: settings.extraOrigins,
    documentRetentionDays: settings.documentRetentionDays,
    uiDomain: settings.uiDomain,
    alarmEmail: settings.alarmEmail,
    webAclArn: edge.webAcl.arn,
    bundles,
    tags: { project: 'cec-observers' },
    ...extra,
  });
  if (settings.nag) applyNagPacks(app);
  return { main, edge };
}
