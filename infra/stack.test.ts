/**
 * The CDK app, synthesized offline (every function bundled by the local esbuild, once, in beforeAll)
 * and checked with aws-cdk-lib's assertions: what the deployment must hold, point by point, and that
 * every row of the route and schedule tables is deployed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { handlerNeeds, routeNeeds } from './stacks/needs';
import { parseConfig } from '../admin-ui/src/config';
import { ObserversStack, adminUiConfig, buildBundles } from './stacks/observers-stack';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let stack: ObserversStack;
let main: Template;
let nested: Template[];
let all: Template[];
let bundles: Map<string, Bundle>;
let synthSeconds = 0;

const resourcesOf = (t: Template, type: string): Resources => t.findResources(type) as Resources;
/** The logical id of a construct's CloudFormation resource in the main stack. */
const logicalId = (_t: Template, child: unknown) => stack.getLogicalId(child as CfnElement);
const allResources = (type: string) => all.flatMap((t) => Object.values(resourcesOf(t, type)));

beforeAll(async () => {
  const started = performance.now();
  bundles = await buildBundles();
  const app = new App();
  stack = new ObserversStack(app, 'cec-observers', {
    mailFrom: 'accreditation@shailoo.gov.kg',
    extraOrigins: ['http://localhost:5173'],
    alarmEmail: 'ops@shailoo.gov.kg',
    adminUiDist: join(tmpdir(), 'no-admin-ui-build-here'),
    bundles,
  });
  main = Template.fromStack(stack);
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
    expect(product).toHaveLength(routes.length + schedules.length + streamConsumers.length + bucketConsumers.length);
    for (const f of product) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
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

  it('hands secrets over as Secrets Manager references, never as literals', () => {
    const env = allResources('AWS::Lambda::Function')
      .map((f) => (f.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables)
      .find((v) => v?.PORTAL_SESSION_SECRET)!;
    expect(JSON.stringify(env.PORTAL_SESSION_SECRET)).toMatch(/resolve:secretsmanager/);
    expect(JSON.stringify(env.CERTIFICATE_SECRET)).toMatch(/resolve:secretsmanager/);
    main.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });

  it('bundles API functions below 250 KB and the certificate renderer below 1.5 MB', () => {
    for (const r of routes) expect(bundles.get(r.handler)!.bytes, r.handler).toBeLessThanOrEqual(250 * 1024);
    expect(bundles.get('events/outbox-consumer')!.bytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
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

  it('answers CORS preflights for the admin UI and portal origin only', () => {
    const origins = new Capture();
    main.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: origins }),
    });
    // The CloudFront domain of the admin UI (which also serves the portal pages), resolved at deploy time.
    expect(JSON.stringify(origins.asArray())).toMatch(/AdminUiCdn.*DomainName/);
    expect(origins.asArray()).toContain('http://localhost:5173');
    expect(origins.asArray()).not.toContain('*');
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
    main.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
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
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    });
    // No hosted-UI OAuth flows with placeholder callbacks: the admin UI signs in with SRP.
    expect(JSON.stringify(main.findResources('AWS::Cognito::UserPoolClient'))).not.toContain('CallbackURLs');
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
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() })],
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
        routes: [],
        schedules: [],
        streamConsumers: [],
        bucketConsumers: [],
      });
      Template.fromStack(small).hasResourceProperties('Custom::CDKBucketDeployment', {
        DistributionPaths: ['/index.html', '/config.json'],
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
    expect(stack.deadLetterQueues.length).toBe(streamConsumers.length + bucketConsumers.length + 1);
    const errorAlarms = alarms.filter(
      (a) => a.Properties.MetricName === 'Errors' && a.Properties.Namespace === 'AWS/Lambda',
    );
    expect(errorAlarms).toHaveLength(
      routes.length + schedules.length + streamConsumers.length + bucketConsumers.length,
    );
    for (const a of alarms) expect(JSON.stringify(a.Properties.AlarmActions)).toMatch(/Alarms/);
    main.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@shailoo.gov.kg' });
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
