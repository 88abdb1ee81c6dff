/**
 * The CDK app, synthesized offline (every function bundled by the local esbuild, once, in beforeAll)
 * with the context values of the README's deploy command (a rehearsal of the first deploy), checked
 * by cdk-nag (AwsSolutions and Serverless packs: no unsuppressed finding) and with aws-cdk-lib's
 * assertions: what the deployment must hold, point by point, and that every row of the route and
 * schedule tables is deployed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '#data/table';
import { STAFF_GROUPS } from '#http/route';
import { routes } from '#http/routes';
import { bucketConsumers, streamConsumers } from '#wiring/consumers';
import { schedules } from '#wiring/schedules';
import type { Bundle } from './constructs/bundles';
import { type NagFinding, nagFindings } from './nag';
import { type AppSettings, buildObserversApp, settingsFromContext } from './observers-app';
import type { EdgeStack } from './stacks/edge-stack';
import { handlerNeeds, routeNeeds, type SecretNeed } from './stacks/needs';
import { ORIGIN_VERIFY_HEADER } from '#runtime/secrets';
import { parseConfig } from '../admin-ui/src/config';
import { ObserversStack, adminUiConfig, buildBundles } from './stacks/observers-stack';
import { PDF_RENDERERS } from './stacks/renderers';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let stack: ObserversStack;
let edge: EdgeStack;
let edgeTemplate: Template;
let settings: AppSettings;
let findings: NagFinding[];
let main: Template;
let nested: Template[];
let all: Template[];
let bundles: Map<string, Bundle>;
let synthSeconds = 0;

const resourcesOf = (t: Template, type: string): Resources => t.findResources(type) as Resources;
/** The logical id of a construct's CloudFormation resource in the main stack. */
const logicalId = (_t: Template, child: unknown) => stack.getLogicalId(child as CfnElement);
const allResources = (type: string) => all.flatMap((t) => Object.values(resourcesOf(t, type)));

/** The `-c key=value` settings of the deploy command in the README's "Deploying to AWS" section. */
function documentedDeployContext(readme: string): Record<string, string> {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Deploying to AWS'));
  if (!section) throw new Error('the README has no "Deploying to AWS" section');
  const command = section.split('\n').find((l) => l.trim().startsWith('npx cdk deploy'));
  if (!command) throw new Error('the deploy section shows no `npx cdk deploy` command');
  return Object.fromEntries([...command.matchAll(/-c\s+([A-Za-z]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

beforeAll(async () => {
  const started = performance.now();
  bundles = await buildBundles();
  const context = documentedDeployContext(readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8'));
  const app = new App({ context: { ...context, nag: 'true' } });
  settings = settingsFromContext(app, {});
  ({ main: stack, edge } = buildObserversApp(app, settings, bundles, {
    adminUiDist: join(tmpdir(), 'no-admin-ui-build-here'),
  }));
  findings = nagFindings(app);
  main = Template.fromStack(stack);
  edgeTemplate = Template.fromStack(edge);
  nested = stack.routeStacks.map((s) => Template.fromStack(s));
  all = [main, ...nested];
  synthSeconds = (performance.now() - started) / 1000;
  console.info(`bundled ${bundles.size} functions and synthesized in ${synthSeconds.toFixed(1)} s`);
}, 600_000);

describe('functions', () => {
  it('deploys one function per route, consumer and job, each with the house defaults', () => {
    const functions = allResources('AWS::Lambda::Function').filter(
      (f) =>
        String((f.Properties.Description as string) ?? '').length > 0 &&
        (f.Properties.Runtime as string)?.startsWith('nodejs'),
    );
    const product = functions.filter(
      (f) => (f.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables?.POWERTOOLS_SERVICE_NAME,
    );
    // … and the rotation function of the certificate key ring, which touches nothing but its secret.
    expect(product).toHaveLength(
      routes.length + schedules.length + streamConsumers.length + bucketConsumers.length + 1,
    );
    const rotation = product.filter((f) =>
      /^Rotation of the certificate key ring/.test(String(f.Properties.Description)),
    );
    expect(rotation).toHaveLength(1);
    expect(rotation[0]!.Properties.Environment).not.toMatchObject({ Variables: { TABLE_NAME: expect.anything() } });
    for (const f of product.filter((p) => !rotation.includes(p))) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
        Environment: {
          Variables: expect.objectContaining({
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: 'cec-observers',
            TABLE_NAME: expect.anything(),
            DOCUMENTS_BUCKET: expect.anything(),
            CERTIFICATES_BUCKET: expect.anything(),
          }),
        },
      });
    }
  });

  it('keeps every log group for three months', () => {
    for (const t of all) {
      for (const g of Object.values(resourcesOf(t, 'AWS::Logs::LogGroup'))) {
        expect(g.Properties.RetentionInDays).toBeGreaterThanOrEqual(90);
      }
    }
  });

  it('names secrets by ARN and never puts a secret value in the environment', () => {
    main.resourceCountIs('AWS::SecretsManager::Secret', 3);
    for (const t of all) {
      // The one secret value a template names (as a dynamic reference, resolved by CloudFormation) is
      // the origin header CloudFront sends to the API.
      const resources = Object.values(t.toJSON().Resources as Resources).filter(
        (r) => r.Type !== 'AWS::CloudFront::Distribution',
      );
      const json = JSON.stringify(resources);
      expect(json).not.toMatch(/resolve:secretsmanager/);
      expect(json).not.toMatch(/"(PORTAL_SESSION_SECRET|CERTIFICATE_SECRET)"/);
    }
    const granted = allResources('AWS::IAM::Policy').filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('secretsmanager:GetSecretValue'),
    );
    expect(granted.length).toBeGreaterThanOrEqual(routes.length);
    for (const p of granted) {
      for (const st of (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
        .Statement) {
        if (JSON.stringify(st.Action).includes('secretsmanager')) expect(st.Resource).not.toBe('*');
      }
    }
  });

  it('gives every function its log group with a retention, and the tracing layer', () => {
    const product = allResources('AWS::Lambda::Function').filter(
      (f) => (f.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables?.POWERTOOLS_SERVICE_NAME,
    );
    for (const f of product) {
      expect(f.Properties.LoggingConfig).toMatchObject({ LogGroup: expect.anything() });
      expect((f.Properties.Layers as unknown[]).length).toBe(1);
    }
    for (const g of allResources('AWS::Logs::LogGroup')) expect(g.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('gives every asynchronously invoked function (jobs, bucket consumers) a dead-letter queue', () => {
    for (const f of [
      ...stack.jobs.values(),
      ...[...stack.consumers.values()].filter((c) => /upload/.test(c.handler)),
    ]) {
      const id = Stack.of(f).getLogicalId(f.fn.node.defaultChild as CfnElement);
      main.hasResource('AWS::Lambda::Function', {
        Properties: Match.objectLike({ DeadLetterConfig: { TargetArn: Match.anyValue() } }),
      });
      expect(JSON.stringify(main.toJSON().Resources[id].Properties.DeadLetterConfig), f.handler).toMatch(/Dlq/);
    }
  });

  it('bundles API functions below 210 KB (the OpenAPI document route below 320 KB) and the PDF renderers below 1.5 MB', () => {
    // The document route carries the whole OpenAPI document (about 230 KB of JSON) by design; the
    // routes that draw PDFs carry pdf-lib and fontkit like the certificate renderer.
    const limit = (handler: string) =>
      PDF_RENDERERS.has(handler) ? 1.5 * 1024 * 1024 : (handler === 'http/public/openapi' ? 320 : 210) * 1024;
    for (const r of routes) expect(bundles.get(r.handler)!.bytes, r.handler).toBeLessThanOrEqual(limit(r.handler));
    for (const handler of PDF_RENDERERS)
      expect(bundles.get(handler)!.bytes, handler).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  });
});

describe('HTTP API', () => {
  it('deploys every route of the route table, staff routes behind the Cognito JWT authorizer', () => {
    const deployed = new Map(
      allResources('AWS::ApiGatewayV2::Route').map((r) => [r.Properties.RouteKey as string, r.Properties ?? {}]),
    );
    for (const r of routes) {
      const route = deployed.get(`${r.method} ${r.path}`);
      expect(route, `${r.method} ${r.path}`).toBeDefined();
      if (r.access.kind === 'staff') {
        expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
      } else {
        expect(route?.AuthorizationType ?? 'NONE').toBe('NONE');
      }
    }
    expect(deployed.size).toBe(routes.length);
  });

  it('authorizes staff with the user pool and its app client', () => {
    main.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('answers no CORS preflight for the product’s own pages: they share the API’s origin', () => {
    expect(settings.extraOrigins).toEqual([]);
    const api = Object.values(resourcesOf(main, 'AWS::ApiGatewayV2::Api'))[0]!;
    expect(api.Properties).not.toHaveProperty('CorsConfiguration');
  });

  it('throttles the portal sign-in and other costly routes on the stage, beyond the default', () => {
    main.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      RouteSettings: Match.objectLike({
        'POST /v1/portal/sessions': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 },
      }),
    });
  });

  it('keeps the route and function resources of each nested stack well under 500', () => {
    for (const t of all) expect(Object.keys(t.toJSON().Resources).length).toBeLessThan(450);
  });
});

describe('table', () => {
  it('is built from the key module: keys, indexes, TTL, stream, on demand, PITR, deletion protection', () => {
    const gsis = Object.entries(TABLE.indexes).map(([IndexName, ix]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: ix.pk, KeyType: 'HASH' },
        { AttributeName: ix.sk, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));
    main.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: Match.arrayWith(gsis),
    });
    main.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });
});

describe('buckets', () => {
  const documentsBucket = () => {
    const [id, bucket] = Object.entries(resourcesOf(main, 'AWS::S3::Bucket')).find(([, b]) =>
      JSON.stringify(b.Properties.CorsConfiguration ?? '').includes('POST'),
    )!;
    return { id, bucket };
  };

  it('keeps identity documents private: KMS, public access blocked, CORS for POST from the portal, lifecycle', () => {
    const { bucket } = documentsBucket();
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: expect.arrayContaining([
          expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          expect.objectContaining({ ExpirationInDays: expect.any(Number) }),
        ]),
      },
    });
    expect(bucket.Properties).not.toHaveProperty('VersioningConfiguration');
    const cors = (
      bucket.Properties.CorsConfiguration as { CorsRules: { AllowedMethods: string[]; AllowedOrigins: unknown[] }[] }
    ).CorsRules;
    const post = cors.find((r) => r.AllowedMethods.includes('POST'))!;
    expect(post.AllowedMethods).toEqual(['POST']);
    expect(JSON.stringify(post.AllowedOrigins)).toContain('DomainName');
    expect(post.AllowedOrigins).not.toContain('*');
    main.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('refuses plain HTTP on every bucket', () => {
    const buckets = Object.keys(resourcesOf(main, 'AWS::S3::Bucket'));
    const policies = Object.values(resourcesOf(main, 'AWS::S3::BucketPolicy'));
    for (const id of buckets) {
      const policy = policies.find((p) => JSON.stringify(p.Properties.Bucket).includes(id));
      expect(policy, id).toBeDefined();
      const statements = (policy!.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('blocks public access and encrypts the certificates bucket too', () => {
    const encrypted = Object.values(resourcesOf(main, 'AWS::S3::Bucket')).filter((b) =>
      JSON.stringify(b.Properties.BucketEncryption).includes('aws:kms'),
    );
    expect(encrypted).toHaveLength(2);
    for (const b of Object.values(resourcesOf(main, 'AWS::S3::Bucket'))) {
      expect(b.Properties.PublicAccessBlockConfiguration).toMatchObject({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('notifies the upload checker of objects created under documents/', () => {
    const checker = stack.consumers.get('upload-checker')!;
    main.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'documents/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [logicalId(main, checker.fn.node.defaultChild), 'Arn'] },
          },
        ],
      },
    });
    const id = logicalId(main, checker.fn.node.defaultChild);
    expect(main.toJSON().Resources[id].Properties.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [expect.stringMatching(/Dlq/), 'Arn'] },
    });
  });

  it('logs the requests of both private buckets to the log bucket, which expires them', () => {
    const logged = Object.values(resourcesOf(main, 'AWS::S3::Bucket')).filter((b) =>
      JSON.stringify(b.Properties.LoggingConfiguration ?? '').includes('AccessLogs'),
    );
    // documents, certificates and the site bucket
    expect(logged.length).toBe(3);
    main.hasResourceProperties('AWS::S3::Bucket', {
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 365 })]) },
    });
  });
});

describe('events and mail', () => {
  it('feeds the outbox consumer from the stream: filtered, bisected, partial batches, dead letters', () => {
    for (const c of streamConsumers) {
      main.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: c.maxRetries,
        BatchSize: c.batchSize,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: [...c.eventNames],
                dynamodb: { NewImage: { entity: { S: [c.entity] } } },
              }),
            },
          ],
        },
      });
    }
  });

  it('sends mail from a verified SES domain identity with a configuration set', () => {
    main.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'shailoo.gov.kg',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    main.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const renderer = stack.consumers.get('outbox')!;
    const policy = new Capture();
    main.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalId(main, renderer.role.node.defaultChild) }],
      PolicyDocument: { Statement: policy },
    });
    const ses = (policy.asArray() as { Action: unknown; Resource: unknown }[]).find((s) =>
      JSON.stringify(s.Action).includes('ses:SendEmail'),
    );
    expect(ses).toBeDefined();
    expect(ses!.Resource).not.toBe('*');
  });
});

describe('schedules', () => {
  it('deploys one schedule per row of the schedule table, in Asia/Bishkek, invoking its job', () => {
    const deployed = Object.values(resourcesOf(main, 'AWS::Scheduler::Schedule'));
    expect(deployed).toHaveLength(schedules.length);
    for (const row of schedules) {
      const job = stack.jobs.get(row.name)!;
      main.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: row.cron,
        ScheduleExpressionTimezone: 'Asia/Bishkek',
        State: 'ENABLED',
        Target: {
          Arn: { 'Fn::GetAtt': [logicalId(main, job.fn.node.defaultChild), 'Arn'] },
          Input: Match.serializedJson({ job: row.name, scheduledAt: '<aws.scheduler.scheduled-time>' }),
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        },
      });
    }
  });

  it('gives each job a timeout above its budget', () => {
    for (const row of schedules) {
      const fn = stack.jobs.get(row.name)!.fn;
      const props = resourcesOf(main, 'AWS::Lambda::Function')[logicalId(main, fn.node.defaultChild)]!.Properties!;
      expect(props.Timeout).toBeGreaterThan(row.budgetSeconds);
    }
  });
});

describe('sign-in', () => {
  it('has a staff user pool without self sign-up, the three groups, and a browser app client', () => {
    main.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
    });
    for (const group of STAFF_GROUPS) main.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    main.resourceCountIs('AWS::Cognito::UserPoolGroup', STAFF_GROUPS.length);
    main.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH']),
    });
    // No hosted-UI OAuth flows with placeholder callbacks: the admin UI answers the challenges itself.
    expect(JSON.stringify(main.findResources('AWS::Cognito::UserPoolClient'))).not.toContain('CallbackURLs');
  });
});

describe('staff sign-in security', () => {
  it('requires TOTP MFA (never SMS), a strong password policy, and enforced threat protection', () => {
    main.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });
});

describe('one domain behind a WAF', () => {
  it('has a CloudFront web ACL in us-east-1 with the managed rule groups and a rate limit on the portal sign-in', () => {
    expect(edge.region).toBe('us-east-1');
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', ScopeDownStatement: Match.anyValue() }),
          },
        }),
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }) },
        }),
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }) },
        }),
      ]),
    });
    const rate = JSON.stringify(edgeTemplate.toJSON());
    expect(rate).toContain('/v1/portal/sessions');
  });

  it('serves the pages and, under /v1/*, the API from one distribution with the ACL, headers, TLS and logs', () => {
    const dist = Object.values(resourcesOf(main, 'AWS::CloudFront::Distribution'))[0]!;
    const config = dist.Properties.DistributionConfig as Record<string, unknown>;
    expect(config.WebACLId).toBeDefined();
    expect(config.Logging).toMatchObject({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
    const api = (config.CacheBehaviors as Record<string, unknown>[]).find((b) => b.PathPattern === '/v1/*');
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']),
      ResponseHeadersPolicyId: expect.anything(),
    });
    expect(config).not.toHaveProperty('CustomErrorResponses');
    main.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }),
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'"),
            Override: true,
          },
        }),
      },
    });
  });

  it('requires TLS 1.2 when a custom domain is given', () => {
    const app = new App({
      context: {
        uiDomainName: 'observers.shailoo.gov.kg',
        uiCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000',
      },
    });
    const small = new ObserversStack(app, 'with-domain', {
      mailFrom: 'accreditation@shailoo.gov.kg',
      adminUiDist: join(tmpdir(), 'no-admin-ui-build-here'),
      uiDomain: settingsFromContext(app, {}).uiDomain,
      webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/cec-observers/x',
      routes: [],
      schedules: [],
      streamConsumers: [],
      bucketConsumers: [],
    });
    Template.fromStack(small).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['observers.shailoo.gov.kg'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
  }, 120_000);
});

describe('secrets', () => {
  const functions = () => [
    ...stack.routeStacks.flatMap((rs) => [...rs.functions.values()]),
    ...stack.jobs.values(),
    ...stack.consumers.values(),
  ];
  const needsOf = (handler: string) => {
    const route = routes.find((r) => r.handler === handler);
    return route ? routeNeeds(route) : handlerNeeds(handler);
  };
  const policiesOf = (f: { role: { node: { defaultChild?: unknown } } } & Parameters<typeof Stack.of>[0]) => {
    const t =
      Stack.of(f) === stack
        ? main
        : nested[stack.routeStacks.indexOf(Stack.of(f) as (typeof stack.routeStacks)[number])]!;
    const roleId = Stack.of(f).getLogicalId(f.role.node.defaultChild as CfnElement);
    return Object.values(resourcesOf(t, 'AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
    );
  };
  /** The secrets (by need) a function's role may read, from its IAM statements. */
  const readable = (f: Parameters<typeof policiesOf>[0]) => {
    const statements = policiesOf(f).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
    );
    return (Object.entries(stack.secrets) as [SecretNeed, (typeof stack.secrets)[SecretNeed]][])
      .filter(([, secret]) => {
        // Nested stacks name the secret through a parameter whose name holds the construct id.
        const id = secret.node.id;
        return statements.some(
          (st) =>
            JSON.stringify(st.Action).includes('secretsmanager:GetSecretValue') &&
            JSON.stringify(st.Resource).includes(id),
        );
      })
      .map(([need]) => need)
      .sort();
  };

  it('lets each function read only the secrets its needs name (infra/stacks/needs.ts), and names only those', () => {
    const table: Record<string, string[]> = {};
    for (const f of functions()) {
      const expected = needsOf(f.handler)
        .filter((n): n is SecretNeed => n.startsWith('secret:'))
        .sort();
      expect(readable(f), f.handler).toEqual(expected);
      const template =
        Stack.of(f) === stack
          ? main
          : nested[stack.routeStacks.indexOf(Stack.of(f) as (typeof stack.routeStacks)[number])]!;
      const resource = (template.toJSON().Resources as Resources)[
        Stack.of(f).getLogicalId(f.fn.node.defaultChild as CfnElement)
      ]!;
      const env = (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Boolean(env.PORTAL_SESSION_SECRET_ARN), f.handler).toBe(expected.includes('secret:portal-session'));
      expect(Boolean(env.CERTIFICATE_KEYS_SECRET_ARN), f.handler).toBe(expected.includes('secret:certificate-keys'));
      expect(Boolean(env.ORIGIN_VERIFY_SECRET_ARN), f.handler).toBe(expected.includes('secret:origin'));
      for (const need of expected) table[need] = [...(table[need] ?? []), f.handler];
    }
    // Every route checks the origin header; few functions hold the keys.
    expect(table['secret:origin']!.sort()).toEqual(routes.map((r) => r.handler).sort());
    expect(table['secret:certificate-keys']!.sort()).toEqual([
      'events/outbox-consumer',
      'http/admin/elections/register-extract',
      'http/public/check-extract',
      'http/public/verify-certificate',
    ]);
    const portal = routes.filter((r) => r.access.kind === 'portal').map((r) => r.handler);
    expect(table['secret:portal-session']).toEqual(expect.arrayContaining([...portal, 'http/portal/create-session']));
    expect(table['secret:portal-session']!.length).toBeLessThan(functions().length / 2);
    for (const job of stack.jobs.values()) expect(readable(job), job.handler).toEqual([]);
  });

  it('gives the keys to every function whose code uses them, and to no other (what each bundle holds)', () => {
    const sources = (handler: string) =>
      (JSON.parse(readFileSync(join(bundles.get(handler)!.dir, 'index.mjs.map'), 'utf8')) as { sources: string[] })
        .sources;
    for (const f of functions()) {
      const code = sources(f.handler);
      const needs = needsOf(f.handler);
      const signsOrChecksLinks = code.some((s) => s.endsWith('shared/pdf/verification.ts'));
      const sealsCodes = code.some((s) => s.endsWith('shared/runtime/sealed.ts'));
      expect(needs.includes('secret:certificate-keys'), f.handler).toBe(signsOrChecksLinks);
      if (sealsCodes) expect(needs, f.handler).toContain('secret:portal-session');
    }
  });

  it('rotates the certificate key ring every 90 days with its own function, which may touch that secret only', () => {
    const certificate = stack.getLogicalId(stack.secrets['secret:certificate-keys'].node.defaultChild as CfnElement);
    const rotator = stack.getLogicalId(stack.certificateKeysRotation.fn.node.defaultChild as CfnElement);
    main.resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
    main.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: certificate },
      RotationLambdaARN: { 'Fn::GetAtt': [rotator, 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(90 days)' },
    });
    main.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [rotator, 'Arn'] },
      Principal: 'secretsmanager.amazonaws.com',
      SourceArn: { Ref: certificate },
    });
    const statements = policiesOf(stack.certificateKeysRotation).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
    );
    const onSecrets = statements.filter((st) => JSON.stringify(st.Action).includes('secretsmanager:'));
    expect(onSecrets).toHaveLength(1);
    expect(onSecrets[0]!.Resource).toEqual({ Ref: certificate });
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:|s3:|ses:|GetRandomPassword/);
    // The portal session key is not rotated automatically (reasoned suppression); the origin secret
    // changes through a deploy (README).
    expect(JSON.stringify(main.toJSON().Resources)).not.toMatch(/HostedRotation/);
  });

  it('closes the direct API URL: CloudFront sends the origin secret in a header, from Secrets Manager', () => {
    const dist = Object.values(resourcesOf(main, 'AWS::CloudFront::Distribution'))[0]!;
    const origins = (dist.Properties.DistributionConfig as { Origins: Record<string, unknown>[] }).Origins;
    const api = origins.find((o) => JSON.stringify(o.DomainName).includes('execute-api'))!;
    const header = (api.OriginCustomHeaders as { HeaderName: string; HeaderValue: unknown }[])[0]!;
    expect(header.HeaderName).toBe(ORIGIN_VERIFY_HEADER);
    const origin = stack.getLogicalId(stack.secrets['secret:origin'].node.defaultChild as CfnElement);
    expect(JSON.stringify(header.HeaderValue)).toMatch(
      new RegExp(`resolve:secretsmanager:.*${origin}.*:SecretString:current::`),
    );
    main.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'current', SecretStringTemplate: '{}' }),
    });
  });
});

describe('cdk-nag', () => {
  it('leaves no unsuppressed AwsSolutions or Serverless finding', () => {
    expect(findings.map((f) => `${f.level} ${f.rule} ${f.path}`)).toEqual([]);
  });
});

describe('deploy rehearsal (README "Deploying to AWS")', () => {
  it('gives a first deploy what it needs: the UI URL, the API URL on the same domain, the user pool', () => {
    const outputs = main.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const name of ['AdminUiUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'AlarmTopicArn']) {
      expect(outputs[name], name).toBeDefined();
    }
    expect(JSON.stringify(outputs.AdminUiUrl!.Value)).toMatch(/AdminUiCdn.*DomainName/);
    expect(outputs.ApiUrl!.Value).toEqual(outputs.AdminUiUrl!.Value);
    expect(JSON.stringify(outputs.UserPoolId!.Value)).toMatch(/AuthStaff/);
    expect(stack.region).toBe(settings.region);
    main.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: settings.alarmEmail });
  });
});

describe('admin UI', () => {
  it('serves a private bucket through CloudFront with origin access control, HTTPS only', () => {
    main.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
    });
    main.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: Match.arrayWith([
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() }),
        ]),
      }),
    });
    main.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
  });

  it('synthesizes without a build of the app, and deploys it with config.json when there is one', () => {
    main.resourceCountIs('Custom::CDKBucketDeployment', 0);
    const dist = mkdtempSync(join(tmpdir(), 'admin-ui-dist-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>CEC</title>');
      const app = new App();
      const small = new ObserversStack(app, 'ui-only', {
        mailFrom: 'accreditation@shailoo.gov.kg',
        adminUiDist: dist,
        extraOrigins: ['http://localhost:5173'],
        webAclArn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/cec-observers/x',
        routes: [],
        schedules: [],
        streamConsumers: [],
        bucketConsumers: [],
      });
      const t = Template.fromStack(small);
      t.hasResourceProperties('Custom::CDKBucketDeployment', {
        DistributionPaths: ['/index.html', '/verify.html', '/list.html', '/docs/*', '/config.json'],
      });
      // A configured extra origin (a dev server) is the only one the API answers CORS for.
      t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:5173'] }),
      });
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('admin UI configuration', () => {
  it('is written in the shape the admin UI reads: the API and Cognito sign-in', () => {
    const written = adminUiConfig({
      apiUrl: 'https://abc.execute-api.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      clientId: 'client-1',
      userPoolId: 'eu-central-1_pool',
    });
    expect(parseConfig(JSON.parse(JSON.stringify(written)))).toEqual({
      apiUrl: 'https://abc.execute-api.eu-central-1.amazonaws.com',
      auth: { kind: 'cognito', region: 'eu-central-1', clientId: 'client-1', userPoolId: 'eu-central-1_pool' },
    });
  });
});

describe('alarms', () => {
  it('raises an alarm on every dead-letter queue and on every function’s errors, to the alarm topic', () => {
    const alarms = allResources('AWS::CloudWatch::Alarm');
    const dlqAlarms = alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarms).toHaveLength(stack.deadLetterQueues.length);
    expect(stack.deadLetterQueues.length).toBe(streamConsumers.length + bucketConsumers.length + 2);
    const errorAlarms = alarms.filter(
      (a) => a.Properties.MetricName === 'Errors' && a.Properties.Namespace === 'AWS/Lambda',
    );
    expect(errorAlarms).toHaveLength(
      routes.length + schedules.length + streamConsumers.length + bucketConsumers.length + 1,
    );
    for (const a of alarms) expect(JSON.stringify(a.Properties.AlarmActions)).toMatch(/Alarms/);
  });

  it('alarms on the API 5xx rate, mail failures, parked mail, lockout bursts and job errors, and has a dashboard', () => {
    const alarms = allResources('AWS::CloudWatch::Alarm');
    const business = alarms.filter((a) => a.Properties.Namespace === 'CecObservers');
    expect(business.map((a) => a.Properties.MetricName).sort()).toEqual(
      ['AccessCodeLockouts', 'JobErrors', 'MailFailed', 'MailParked'].sort(),
    );
    for (const a of business) expect(a.Properties.Dimensions).toEqual([{ Name: 'service', Value: 'cec-observers' }]);
    const rate = alarms.find((a) => JSON.stringify(a.Properties.Metrics ?? '').includes('5xx'));
    expect(rate, 'API 5xx rate alarm').toBeDefined();
    main.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(main.findResources('AWS::CloudWatch::Dashboard'));
    for (const m of ['ApplicationsSubmitted', 'PeopleDecided', 'AdoptionDuration', 'MailSent', 'UploadsRejected']) {
      expect(body).toContain(m);
    }
  });
});

describe('IAM', () => {
  /** Actions that AWS only grants on `*` and that reach no product data. */
  const NOT_DATA_PLANE = new Set([
    'xray:PutTraceSegments', // Lambda active tracing
    'xray:PutTelemetryRecords',
    'dynamodb:ListStreams', // stream discovery by the event source mapping; reading records is scoped
    's3:PutBucketNotification', // CDK's bucket-notification handler configures the buckets at deploy time
  ]);

  const statements = () =>
    all.flatMap((t) => [
      ...Object.values(resourcesOf(t, 'AWS::IAM::Policy')).flatMap(
        (p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
      ),
      ...Object.values(resourcesOf(t, 'AWS::IAM::Role')).flatMap((r) =>
        ((r.Properties.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[]) ?? []).flatMap(
          (p) => p.PolicyDocument.Statement,
        ),
      ),
    ]);
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : [x]);

  it('grants no data-plane action on *', () => {
    const offending = statements()
      .filter((s) => s.Effect === 'Allow' && list(s.Resource).includes('*'))
      .flatMap((s) => list(s.Action).filter((a) => !NOT_DATA_PLANE.has(String(a))));
    expect(offending).toEqual([]);
    expect(statements().length).toBeGreaterThan(routes.length);
  });

  it('never grants Scan, nor a wildcard action', () => {
    for (const s of statements()) {
      for (const a of list(s.Action)) {
        expect(String(a)).not.toMatch(/^dynamodb:(Scan|\*)$/);
        expect(String(a)).not.toBe('*');
      }
    }
  });

  it('gives public read routes read-only access to the table', () => {
    const publicGets = routes.filter((r) => r.access.kind === 'public' && r.method === 'GET');
    expect(publicGets.length).toBeGreaterThan(0);
    for (const r of publicGets) {
      const f = stack.routeStacks
        .flatMap((s) => [...s.functions.entries()])
        .find(([k]) => k === `${r.method} ${r.path}`)![1];
      const t = nested[stack.routeStacks.indexOf(Stack.of(f) as (typeof stack.routeStacks)[number])]!;
      const policy = Object.values(resourcesOf(t, 'AWS::IAM::Policy')).find((p) =>
        JSON.stringify(p.Properties.Roles).includes(Stack.of(f).getLogicalId(f.role.node.defaultChild as CfnElement)),
      )!;
      const actions = JSON.stringify(policy.Properties.PolicyDocument);
      expect(actions).toContain('dynamodb:Query');
      expect(actions).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/);
    }
  });

  it('lets only the functions that need it delete objects (the purge, the upload checker, draft deletion)', () => {
    const functions = [
      ...stack.routeStacks.flatMap((rs) => [...rs.functions.values()]),
      ...stack.jobs.values(),
      ...stack.consumers.values(),
    ];
    const deleters = new Set<string>();
    for (const t of all) {
      for (const p of Object.values(resourcesOf(t, 'AWS::IAM::Policy'))) {
        if (!JSON.stringify(p.Properties.PolicyDocument).includes('s3:DeleteObject')) continue;
        const roles = JSON.stringify(p.Properties.Roles);
        const owner = functions.find((f) =>
          roles.includes(`"${Stack.of(f).getLogicalId(f.role.node.defaultChild as CfnElement)}"`),
        );
        deleters.add(owner?.handler ?? `unknown role ${roles}`);
      }
    }
    const needsOf = (handler: string) => {
      const route = routes.find((r) => r.handler === handler);
      return route ? routeNeeds(route) : handlerNeeds(handler);
    };
    const allowed = functions
      .filter((f) => needsOf(f.handler).some((n) => n.endsWith(':delete')))
      .map((f) => f.handler);
    expect(allowed).toEqual(expect.arrayContaining(['jobs/purge-documents', 'events/upload-checker']));
    expect([...deleters].sort()).toEqual([...new Set(allowed)].sort());
  });
});

it('synthesizes in reasonable time', () => {
  expect(synthSeconds).toBeLessThan(600);
});
