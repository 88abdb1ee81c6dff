/**
 * The deployment of the whole product (design: "Deployment"), built from the same tables the local
 * twin reads: the route table (shared/http/routes.ts), the schedule table and the consumer tables
 * (shared/wiring/). One stack holds the data, storage, sign-in, mail, events, jobs and the admin UI;
 * the per-route functions live in nested stacks (./routes-stack.ts).
 */
import { existsSync } from 'node:fs';
import { CfnOutput, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Route } from '#http/route';
import { ORIGIN_VERIFY_HEADER } from '#runtime/secrets';
import { routes as routeTable } from '#http/routes';
import { type BucketConsumer, bucketConsumers, type StreamConsumer, streamConsumers } from '#wiring/consumers';
import { type ScheduleRow, schedules as scheduleTable } from '#wiring/schedules';
import { AdminUi } from '../constructs/admin-ui';
import { PrivateBuckets } from '../constructs/buckets';
import { type Bundle, type BundleSpec, bundleAll } from '../constructs/bundles';
import { entryOf, functionIdOf, ServiceFunction } from '../constructs/function';
import { LogBucket } from '../constructs/log-bucket';
import { Observability } from '../constructs/observability';
import { StaffAuth } from '../constructs/staff-auth';
import { DataTable } from '../constructs/table';
import { TracingLayer } from '../constructs/tracing-layer';
import { accept } from '../nag';
import { handlerNeeds, type SecretNeed } from './needs';
import { PDF_RENDERERS, RENDERER_ASSETS, RENDERER_ENVIRONMENT } from './renderers';
import { RoutesStack, routeSlices } from './routes-stack';
import { errorAlarm, type ServiceResources, serviceFunction } from './resources';

export interface ObserversStackProps extends StackProps {
  /** Sender of all mail, e.g. `accreditation@shailoo.gov.kg`. */
  mailFrom: string;
  /** The SES identity to verify (a domain, with DKIM); default: the domain of `mailFrom`. */
  mailDomain?: string;
  /**
   * Browser origins besides the product's own domain (a dev server, say): the only ones the API
   * answers CORS for, since the admin UI, the portal and the API share one origin.
   */
  extraOrigins?: string[];
  /** The WAF web ACL (scope CLOUDFRONT, in us-east-1: ./edge-stack.ts) in front of the distribution. */
  webAclArn: string;
  /** A custom domain for the admin UI and portal, with its ACM certificate (us-east-1). */
  uiDomain?: { name: string; certificateArn: string };
  /** Days identity documents are kept after mandates end (default 90). */
  documentRetentionDays?: number;
  /** Where alarms are mailed (optional; the SNS topic is there either way). */
  alarmEmail?: string;
  /** The built admin UI; deployed only if it exists (default admin-ui/dist). */
  adminUiDist?: string;
  /** The tables, injectable for tests; default the product's own. */
  routes?: readonly Route[];
  schedules?: readonly ScheduleRow[];
  streamConsumers?: readonly StreamConsumer[];
  bucketConsumers?: readonly BucketConsumer[];
  /**
   * The functions' bundles, built beforehand in one esbuild run (`buildBundles`, ./constructs/bundles.ts).
   * Without them every NodejsFunction bundles its own entry: one esbuild process per function, much
   * slower, and without the bundle-size plugin.
   */
  bundles?: ReadonlyMap<string, Bundle>;
}

/** Every function the tables call for, with the files each carries. */
export function functionSpecs(tables: {
  routes: readonly Route[];
  schedules: readonly ScheduleRow[];
  streamConsumers: readonly StreamConsumer[];
  bucketConsumers: readonly BucketConsumer[];
}): BundleSpec[] {
  return [
    ...tables.routes.map((r) => r.handler),
    ...tables.streamConsumers.map((c) => c.handler),
    ...tables.bucketConsumers.map((c) => c.handler),
    ...tables.schedules.map((s) => s.handler),
    CERTIFICATE_KEYS_ROTATION,
  ].map((handler) => (PDF_RENDERERS.has(handler) ? { handler, assets: RENDERER_ASSETS } : { handler }));
}

/** Secrets Manager's rotation function of the certificate key ring (not in a table: one per secret). */
export const CERTIFICATE_KEYS_ROTATION = 'secrets/rotate-certificate-keys';

/** Days between rotations of the certificate key ring. */
export const CERTIFICATE_KEYS_ROTATION_DAYS = 90;

/** Seconds a job's Lambda may run beyond its budget, to save the last checkpoint and return. */
const JOB_TIMEOUT_MARGIN_SECONDS = 60;

/** The longest an election runs (calling to results, repeat voting included) before retention starts. */
const LONGEST_ELECTION_DAYS = 365;

/**
 * Per-route throttling on the API stage (requests per second, burst), beyond the stage's default:
 * the portal sign-in (access codes could be guessed: WAF also limits it per address) and the routes
 * that sign uploads or build large answers.
 */
export const ROUTE_THROTTLES: Readonly<Record<string, { rate: number; burst: number }>> = {
  'POST /v1/portal/sessions': { rate: 5, burst: 10 },
  'POST /v1/portal/applications/{applicationId}/uploads': { rate: 10, burst: 20 },
  'GET /v1/public/elections/{electionId}/observers.csv': { rate: 5, burst: 10 },
};

/** S3 event names of the consumer table → the CDK's event types. */
function s3EventType(name: string): s3.EventType {
  const known: Record<string, s3.EventType> = {
    's3:ObjectCreated:*': s3.EventType.OBJECT_CREATED,
    's3:ObjectCreated:Put': s3.EventType.OBJECT_CREATED_PUT,
    's3:ObjectCreated:Post': s3.EventType.OBJECT_CREATED_POST,
    's3:ObjectCreated:CompleteMultipartUpload': s3.EventType.OBJECT_CREATED_COMPLETE_MULTIPART_UPLOAD,
    's3:ObjectRemoved:*': s3.EventType.OBJECT_REMOVED,
  };
  const type = known[name];
  if (!type) throw new Error(`S3 event ${name} of the consumer table is not mapped in the stack`);
  return type;
}

/**
 * The admin UI's config.json in AWS (the shape admin-ui/src/config.ts reads): the API, and Cognito
 * sign-in with the app client (USER_PASSWORD_AUTH / SRP).
 */
export function adminUiConfig(c: { apiUrl: string; region: string; clientId: string; userPoolId: string }) {
  return {
    apiUrl: c.apiUrl,
    auth: { kind: 'cognito' as const, region: c.region, clientId: c.clientId, userPoolId: c.userPoolId },
  };
}

/** Builds the bundles of every function the tables (default: the product's) call for, in one esbuild run. */
export async function buildBundles(
  tables: Partial<Parameters<typeof functionSpecs>[0]> = {},
  outdir?: string,
): Promise<Map<string, Bundle>> {
  const specs = functionSpecs({
    routes: tables.routes ?? routeTable,
    schedules: tables.schedules ?? scheduleTable,
    streamConsumers: tables.streamConsumers ?? streamConsumers,
    bucketConsumers: tables.bucketConsumers ?? bucketConsumers,
  });
  return (await bundleAll(specs, outdir)).bundles;
}

export class ObserversStack extends Stack {
  readonly api: HttpApi;
  readonly routeStacks: RoutesStack[] = [];
  readonly jobs = new Map<string, ServiceFunction>();
  readonly consumers = new Map<string, ServiceFunction>();
  readonly deadLetterQueues: sqs.Queue[] = [];
  readonly certificateKeysRotation: ServiceFunction;
  /** The product's secrets, by the need that grants each (./needs.ts). */
  readonly secrets: Record<SecretNeed, secrets.Secret>;

  constructor(scope: Construct, id: string, props: ObserversStackProps) {
    super(scope, id, props);
    const routes = props.routes ?? routeTable;
    const schedules = props.schedules ?? scheduleTable;
    const streams = props.streamConsumers ?? streamConsumers;
    const uploads = props.bucketConsumers ?? bucketConsumers;
    const specs = functionSpecs({ routes, schedules, streamConsumers: streams, bucketConsumers: uploads });
    const missing = specs.filter((s) => !existsSync(entryOf(s.handler))).map((s) => `functions/${s.handler}.ts`);
    if (missing.length > 0) {
      throw new Error(`the route, schedule or consumer tables name functions that do not exist: ${missing.join(', ')}`);
    }
    const bundles = props.bundles;
    const unbundled = bundles ? specs.filter((s) => !bundles.has(s.handler)).map((s) => s.handler) : [];
    if (unbundled.length > 0) throw new Error(`no bundle was built for ${unbundled.join(', ')}`);
    const retentionDays = props.documentRetentionDays ?? 90;
    const mailDomain = props.mailDomain ?? props.mailFrom.split('@')[1];
    if (!mailDomain) throw new Error(`mailFrom "${props.mailFrom}" is not an email address`);

    // Alarms go to one topic (and to a mailbox, if given).
    const alarmTopic = new sns.Topic(this, 'Alarms', { displayName: 'CEC observers alarms', enforceSSL: true });
    if (props.alarmEmail) {
      const subscription = alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
      accept(subscription, [
        'Serverless-SNSRedrivePolicy',
        'an email subscription: SNS retries the mail itself, and every alarm stays visible in CloudWatch',
      ]);
    }

    // Data, logs and the API (its routes come below, in nested stacks).
    const { table } = new DataTable(this, 'Data');
    const logBucket = new LogBucket(this, 'AccessLogs');
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const extraOrigins = props.extraOrigins ?? [];
    this.api = new HttpApi(this, 'Api', {
      apiName: 'cec-observers',
      description: 'Accreditation of international observers (routes from shared/http/routes.ts)',
      // Same origin as the pages (CloudFront routes /v1/* here): CORS only for configured extra origins.
      ...(extraOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: extraOrigins,
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PUT,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.DELETE,
                CorsHttpMethod.OPTIONS,
              ],
              allowHeaders: ['authorization', 'content-type', 'if-match', 'x-request-id'],
              exposeHeaders: ['x-request-id', 'retry-after', 'content-disposition'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const stage = this.api.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        method: '$context.httpMethod',
        route: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        error: '$context.error.message',
        authorizerError: '$context.authorizer.error',
      }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    const routeKeys = new Set(routes.map((r) => `${r.method} ${r.path}`));
    stage.routeSettings = Object.fromEntries(
      Object.entries(ROUTE_THROTTLES)
        .filter(([key]) => routeKeys.has(key))
        // An untyped property: CloudFormation's own casing.
        .map(([key, t]) => [key, { ThrottlingRateLimit: t.rate, ThrottlingBurstLimit: t.burst }]),
    );

    // Secrets: generated here; each function gets the ARNs of the secrets its needs name and fetches
    // their values at cold start (README "Secrets").
    const secret = (name: string, description: string, generate: secrets.SecretStringGenerator = {}) =>
      new secrets.Secret(this, name, {
        description,
        generateSecretString: { passwordLength: 64, excludePunctuation: true, ...generate },
      });
    const portalSessionSecret = secret('PortalSessionSecret', 'HS256 key of portal sessions; seals outbox secrets');
    accept(portalSessionSecret, [
      'AwsSolutions-SMG4',
      'rotated by hand (README): a new key signs out every portal session (2 hours at most) and voids access codes sealed in the outbox but not yet mailed',
    ]);
    const certificateSecret = secret('CertificateSecret', 'HMAC key ring of certificate verification links');
    // The origin secret: CloudFront sends its "current" value in the origin header, the API's
    // functions accept "current" or "previous" (shared/http/origin-check.ts).
    const originSecret = secret('OriginVerifySecret', 'Header value CloudFront sends to the API (x-origin-verify)', {
      secretStringTemplate: '{}',
      generateStringKey: 'current',
    });
    accept(originSecret, [
      'AwsSolutions-SMG4',
      'CloudFront takes the value at deploy time only: changed by the README procedure (new current, old as previous, deploy), which refuses no request',
    ]);

    this.secrets = {
      'secret:portal-session': portalSessionSecret,
      'secret:certificate-keys': certificateSecret,
      'secret:origin': originSecret,
    };

    // The one domain: admin UI, portal, public pages and (under /v1/*) the API, behind the WAF.
    const ui = new AdminUi(this, 'AdminUi', {
      distDir: props.adminUiDist,
      domain: props.uiDomain,
      api: this.api,
      webAclArn: props.webAclArn,
      originHeader: { name: ORIGIN_VERIFY_HEADER, value: originSecret.secretValueFromJson('current').unsafeUnwrap() },
      logBucket: logBucket.bucket,
      connectSources: [`https://cognito-idp.${this.region}.amazonaws.com`, `https://*.s3.${this.region}.amazonaws.com`],
    });
    const uiOrigin = ui.origin;
    // The browser still uploads to and downloads from S3 directly (presigned): S3 CORS for the domain.
    const buckets = new PrivateBuckets(this, 'Storage', {
      corsOrigins: [uiOrigin, ...extraOrigins],
      backstopExpirationDays: LONGEST_ELECTION_DAYS + retentionDays,
      accessLogs: logBucket.bucket,
    });

    // Mail
    const configurationSet = new ses.ConfigurationSet(this, 'MailConfig', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    const identity = new ses.EmailIdentity(this, 'MailIdentity', {
      identity: ses.Identity.domain(mailDomain),
      configurationSet,
    });

    // Sign-in
    const auth = new StaffAuth(this, 'Auth');
    const staffAuthorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', auth.userPool, {
      userPoolClients: [auth.client],
      identitySource: ['$request.header.Authorization'],
    });

    const resources: ServiceResources = {
      table,
      documents: buckets.documents,
      certificates: buckets.certificates,
      mail: {
        identityArn: identity.emailIdentityArn,
        configurationSetName: configurationSet.configurationSetName,
        configurationSetArn: this.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: configurationSet.configurationSetName,
        }),
        from: props.mailFrom,
      },
      environment: {
        TABLE_NAME: table.tableName,
        DOCUMENTS_BUCKET: buckets.documents.bucketName,
        CERTIFICATES_BUCKET: buckets.certificates.bucketName,
        MAIL_FROM: props.mailFrom,
        PORTAL_URL: `${uiOrigin}/#/portal`,
        // Verification links in certificates point at the product's domain (the API is under /v1).
        PUBLIC_URL: uiOrigin,
        DOCUMENT_RETENTION_DAYS: String(retentionDays),
      },
      secrets: {
        'secret:portal-session': { secret: portalSessionSecret, envName: 'PORTAL_SESSION_SECRET_ARN' },
        'secret:certificate-keys': { secret: certificateSecret, envName: 'CERTIFICATE_KEYS_SECRET_ARN' },
        'secret:origin': { secret: originSecret, envName: 'ORIGIN_VERIFY_SECRET_ARN' },
      },
      layers: [new TracingLayer(this, 'Tracing').layer],
      alarmTopic,
      bundles,
    };

    // The certificate key ring rotates every 90 days: a new key becomes current, earlier keys stay
    // so every certificate already printed keeps verifying (functions/secrets/rotate-certificate-keys.ts).
    // The schedule is written out rather than with addRotationSchedule, whose grant adds
    // secretsmanager:GetRandomPassword on * (the function makes its keys with node:crypto).
    this.certificateKeysRotation = new ServiceFunction(this, functionIdOf(CERTIFICATE_KEYS_ROTATION), {
      handler: CERTIFICATE_KEYS_ROTATION,
      description: 'Rotation of the certificate key ring (Secrets Manager four-step rotation)',
      timeout: Duration.seconds(30),
      bundleDir: bundles?.get(CERTIFICATE_KEYS_ROTATION)?.dir,
      layers: resources.layers,
      invocation: {
        kind: 'sync',
        by: 'Secrets Manager, which retries a failed step and reports the rotation as failed',
      },
    });
    const rotator = this.certificateKeysRotation.fn;
    rotator.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        resources: [certificateSecret.secretArn],
      }),
    );
    const invokedBySecretsManager = new lambda.CfnPermission(this, 'CertificateKeysRotationInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: rotator.functionArn,
      principal: 'secretsmanager.amazonaws.com',
      sourceArn: certificateSecret.secretArn,
      sourceAccount: this.account,
    });
    const rotation = new secrets.CfnRotationSchedule(this, 'CertificateKeysRotationSchedule', {
      secretId: certificateSecret.secretArn,
      rotationLambdaArn: rotator.functionArn,
      rotationRules: { scheduleExpression: `rate(${CERTIFICATE_KEYS_ROTATION_DAYS} days)` },
    });
    rotation.addDependency(invokedBySecretsManager);
    errorAlarm(this, this.certificateKeysRotation, alarmTopic);

    // One function per route, in nested stacks.
    for (const slice of routeSlices(routes)) {
      this.routeStacks.push(
        new RoutesStack(this, `Routes-${slice.name}`, {
          routes: slice.routes,
          api: this.api,
          staffAuthorizer,
          resources,
        }),
      );
    }
    // Route settings name routes: the stage is updated once the nested stacks have made them.
    for (const routeStack of this.routeStacks) stage.node.addDependency(routeStack);

    const deadLetterQueue = (id: string, what: string) => {
      const queue = new sqs.Queue(this, id, {
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const alarm = new cloudwatch.Alarm(this, `${id}Depth`, {
        alarmDescription: `${what}: events that failed all retries are waiting in the dead-letter queue`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new actions.SnsAction(alarmTopic));
      accept(
        queue,
        ['AwsSolutions-SQS3', 'this queue is itself a dead-letter queue (of a Lambda or an event source mapping)'],
        ['Serverless-SQSRedrivePolicy', 'this queue is itself a dead-letter queue: nothing further to redrive to'],
      );
      this.deadLetterQueues.push(queue);
      return queue;
    };

    // Stream consumers: only their entity's records (Lambda event filter), partial batch responses,
    // bisection of failing batches, then the dead-letter queue.
    for (const c of streams) {
      const isRenderer = PDF_RENDERERS.has(c.handler);
      const f = serviceFunction(
        this,
        functionIdOf(c.handler),
        {
          handler: c.handler,
          description: `DynamoDB stream consumer ${c.name} (entity=${c.entity}, ${c.eventNames.join('/')})`,
          timeout: Duration.seconds(60),
          memorySize: isRenderer ? 1024 : 512,
          invocation: {
            kind: 'sync',
            by: 'its DynamoDB stream event source mapping (whose on-failure queue takes what fails)',
          },
          ...(isRenderer ? { assets: RENDERER_ASSETS, environment: RENDERER_ENVIRONMENT } : {}),
        },
        handlerNeeds(c.handler),
        resources,
      );
      f.fn.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: c.batchSize,
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          retryAttempts: c.maxRetries,
          maxRecordAge: Duration.days(1),
          onFailure: new SqsDlq(deadLetterQueue(`${functionIdOf(c.handler)}Dlq`, `stream consumer ${c.name}`)),
          filters: [
            lambda.FilterCriteria.filter({
              eventName: lambda.FilterRule.or(...c.eventNames),
              dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual(c.entity) } } },
            }),
          ],
        }),
      );
      this.consumers.set(c.name, f);
    }

    // Bucket consumers: S3 invokes asynchronously; two retries, then the dead-letter queue.
    for (const c of uploads) {
      const bucket = c.bucket === 'documents' ? buckets.documents : buckets.certificates;
      const f = serviceFunction(
        this,
        functionIdOf(c.handler),
        {
          handler: c.handler,
          description: `S3 consumer ${c.name} (${c.bucket})`,
          timeout: Duration.seconds(60),
          invocation: {
            kind: 'async',
            deadLetterQueue: deadLetterQueue(`${functionIdOf(c.handler)}Dlq`, `bucket consumer ${c.name}`),
          },
        },
        handlerNeeds(c.handler),
        resources,
      );
      // Lambda's defaults for asynchronous events: two retries within six hours, then the queue.
      for (const event of c.events) {
        bucket.addEventNotification(s3EventType(event), new s3n.LambdaDestination(f.fn), {
          prefix: `${c.bucket}/`,
        });
      }
      this.consumers.set(c.name, f);
    }

    // The CDK's own function that configures bucket notifications (deploy time only).
    for (const child of this.node.children) {
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        accept(
          child,
          ['AwsSolutions-IAM4', 'the CDK’s deploy-time helper for bucket notifications uses the basic execution role'],
          ['AwsSolutions-IAM5', 'the CDK’s deploy-time helper sets notifications on the product’s buckets'],
        );
      }
    }

    // Jobs: one EventBridge Scheduler schedule per row, in the row's time zone (Asia/Bishkek).
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'EventBridge Scheduler invoking the scheduled jobs',
    });
    const schedulesDlq = deadLetterQueue('SchedulesDlq', 'scheduled jobs (not delivered)');
    const jobsDlq = deadLetterQueue('JobsDlq', 'scheduled jobs (failed every retry)');
    const group = new scheduler.ScheduleGroup(this, 'Jobs', {});
    for (const row of schedules) {
      const f = serviceFunction(
        this,
        functionIdOf(row.handler),
        {
          handler: row.handler,
          description: `Scheduled job ${row.name}: ${row.description}`.slice(0, 256),
          timeout: Duration.seconds(row.budgetSeconds + JOB_TIMEOUT_MARGIN_SECONDS),
          memorySize: 1024,
          // EventBridge Scheduler invokes asynchronously; jobs are checkpointed, so a retry continues.
          invocation: { kind: 'async', deadLetterQueue: jobsDlq },
        },
        handlerNeeds(row.handler),
        resources,
      );

      new scheduler.Schedule(this, `Schedule-${row.name}`, {
        description: row.description.slice(0, 512),
        scheduleGroup: group,
        schedule: scheduler.ScheduleExpression.expression(row.cron, TimeZone.of(row.timezone)),
        target: new targets.LambdaInvoke(f.fn, {
          role: schedulerRole,
          input: scheduler.ScheduleTargetInput.fromObject({
            job: row.name,
            scheduledAt: scheduler.ContextAttribute.scheduledTime,
          }),
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: schedulesDlq,
        }),
      });
      this.jobs.set(row.name, f);
    }
    // After the schedules: their grants make the role's policy.
    accept(schedulerRole, [
      'AwsSolutions-IAM5',
      'invoking a job function and its versions (<function ARN>:*), as the Scheduler target grant writes it',
      [/^Resource::<jobs.*\.Arn>:\*$/],
    ]);

    // The admin UI learns where the API and the user pool are from config.json.
    ui.deploy(
      adminUiConfig({
        apiUrl: uiOrigin,
        region: this.region,
        clientId: auth.client.userPoolClientId,
        userPoolId: auth.userPool.userPoolId,
      }),
    );

    new Observability(this, 'Observability', {
      api: this.api,
      alarmTopic,
      deadLetterQueues: this.deadLetterQueues,
    });

    new CfnOutput(this, 'AdminUiUrl', { value: uiOrigin, description: 'The admin UI; the portal is at #/portal' });
    new CfnOutput(this, 'ApiUrl', { value: uiOrigin, description: 'Base of the API (paths /v1/...), same domain' });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'DocumentsBucket', { value: buckets.documents.bucketName });
    new CfnOutput(this, 'CertificatesBucket', { value: buckets.certificates.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
    new CfnOutput(this, 'MailIdentityName', { value: identity.emailIdentityName });
  }
}
