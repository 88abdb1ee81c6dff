/**
 * The house Lambda: NodejsFunction with the defaults every function of the product shares (Node.js 24,
 * the newest LTS runtime aws-cdk-lib offers, on arm64, esbuild bundles as minified ESM with source
 * maps, an explicit log group with retention, a role of its own that may write only to that log group,
 * X-Ray tracing with the tracing layer, Powertools' service name), and binder methods that grant an
 * access and set the environment variable that names the resource in one call, so a function never
 * holds a name it may not use, nor a grant it is not told about.
 *
 * The AWS SDK v3 is left out of the bundles (`@aws-sdk/*` is provided by the nodejs24.x runtime):
 * that keeps API functions small (≤ 250 KB) and cold starts short, at the price of running on the
 * runtime's SDK version rather than the one tested locally.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { accept } from '../nag';

/** The repository root: entries, package-lock.json and tsconfig.json are found from here. */
export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/** Lets CJS dependencies bundled into an ESM file `require` Node's built-ins. */
export const ESM_REQUIRE_BANNER = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** The esbuild settings of every function; the bundle-size benchmark builds with the same. */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.EXTERNAL,
  sourcesContent: false,
  target: 'node24',
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  externalModules: ['@aws-sdk/*'],
} as const;

export type TableAccess = 'read' | 'write';
export type BucketAccess = 'read' | 'write' | 'delete';

export interface ServiceFunctionProps {
  /** Entry module under `functions/`, without extension, as the route/schedule/consumer tables name it. */
  handler: string;
  description?: string;
  /** Default 10 s for HTTP, more for jobs and consumers. */
  timeout?: Duration;
  /** Default 512 MB (arm64: faster cold starts than 128 MB for the same bundle). */
  memorySize?: number;
  environment?: Record<string, string>;
  logRetention?: logs.RetentionDays;
  /** Files copied beside the bundle (e.g. fonts): source path relative to the project root, target folder in the bundle. */
  assets?: { from: string; to: string }[];
  reservedConcurrentExecutions?: number;
  /**
   * The function's bundle, built beforehand with every other function in one esbuild run
   * (./bundles.ts). Without it NodejsFunction bundles this entry itself, with the same settings.
   */
  bundleDir?: string;
  /** Layers (the tracing layer: ./tracing-layer.ts). */
  layers?: lambda.ILayerVersion[];
  /**
   * How the function is invoked. `async` (S3 notifications, EventBridge Scheduler) needs a dead-letter
   * queue for events that failed every retry; `sync` (API Gateway, stream event source mappings) gives
   * failures back to the caller, or to the mapping's own on-failure destination.
   */
  invocation?: { kind: 'sync'; by: string } | { kind: 'async'; deadLetterQueue: IQueue };
}

/** The Lambda function name an entry gets: `http/admin/list-people` → `http-admin-list-people`. */
export function functionIdOf(handler: string): string {
  return handler.replace(/[^A-Za-z0-9]+/g, '-');
}

export function entryOf(handler: string): string {
  return join(PROJECT_ROOT, 'functions', `${handler}.ts`);
}

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly handler: string;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    this.handler = props.handler;
    const entry = entryOf(props.handler);
    if (!existsSync(entry)) {
      throw new Error(
        `functions/${props.handler}.ts does not exist, but a row of the route, schedule or consumer table names it`,
      );
    }
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const commandHooks = props.assets?.length
      ? {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) =>
            props.assets!.flatMap((a) => [
              `mkdir -p "${join(outputDir, a.to)}"`,
              `cp "${join(inputDir, a.from)}" "${join(outputDir, a.to)}/"`,
            ]),
        }
      : undefined;
    // A role of its own, without the managed basic-execution policy: logs go to this log group only.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `functions/${props.handler}.ts`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const invocation = props.invocation ?? { kind: 'sync', by: 'API Gateway' };
    this.fn = new NodejsFunction(this, 'Fn', {
      role,
      layers: props.layers,
      ...(invocation.kind === 'async' ? { deadLetterQueue: invocation.deadLetterQueue } : {}),
      entry,
      ...(props.bundleDir
        ? { code: lambda.Code.fromAsset(props.bundleDir), handler: 'index.handler' }
        : { handler: 'handler' }),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description ?? `functions/${relative(join(PROJECT_ROOT, 'functions'), entry)}`,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'cec-observers',
        POWERTOOLS_METRICS_NAMESPACE: 'CecObservers',
        ...props.environment,
      },
      bundling: {
        ...BUNDLING,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [...BUNDLING.externalModules],
        tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
        commandHooks,
      },
    });
    accept(
      role,
      [
        'AwsSolutions-IAM5',
        'X-Ray has no resource-level permissions: tracing needs PutTraceSegments on *',
        ['Resource::*'],
      ],
      [
        'AwsSolutions-IAM5',
        'the log group ARN ends in :* (its log streams), the group itself is this function’s own',
        [/^Resource::.*Logs.*\.Arn.*$/],
      ],
    );
    if (invocation.kind === 'sync') {
      accept(this.fn, [
        'Serverless-LambdaDLQ',
        `invoked synchronously by ${invocation.by}: a failure goes back to the caller, not to a queue`,
      ]);
    }
  }

  /** Reading one secret by ARN at cold start (the ARN in the environment, never the value). */
  readsSecret(secret: ISecret, envName: string): this {
    secret.grantRead(this.fn);
    return this.setEnv(envName, secret.secretArn);
  }

  get role(): iam.IRole {
    return this.fn.role!;
  }

  setEnv(name: string, value: string): this {
    this.fn.addEnvironment(name, value);
    return this;
  }

  /**
   * The single table. Grants only item-level actions on the table and its indexes; never Scan
   * (no request path scans, and the role cannot either).
   */
  bindTable(table: ITable, access: TableAccess): this {
    const actions = [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
      ...(access === 'write'
        ? ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']
        : []),
    ];
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions, resources: [table.tableArn, `${table.tableArn}/index/*`] }),
    );
    accept(this.role, [
      'AwsSolutions-IAM5',
      'the indexes of the product’s one table (queries by access pattern), no other table',
      [/^Resource::<.*\.Arn>\/index\/\*$/],
    ]);
    if (table.encryptionKey) {
      if (access === 'write') table.encryptionKey.grantEncryptDecrypt(this.fn);
      else table.encryptionKey.grantDecrypt(this.fn);
    }
    return this.setEnv('TABLE_NAME', table.tableName);
  }

  /**
   * One of the product's buckets, under the prefix the function works in. `read`: GetObject (and
   * presigned GETs signed by this role); `write`: PutObject (presigned POSTs); `delete`: listing and
   * deleting (the purge). KMS grants follow the bucket's key.
   */
  bindBucket(bucket: IBucket, envName: string, access: readonly BucketAccess[], prefix = '*'): this {
    for (const a of access) {
      if (a === 'read') bucket.grantRead(this.fn, prefix);
      if (a === 'write') bucket.grantPut(this.fn, prefix);
      if (a === 'delete') {
        bucket.grantDelete(this.fn, prefix);
        this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
      }
    }
    accept(
      this.role,
      [
        'AwsSolutions-IAM5',
        `objects under ${prefix} of one bucket: keys are generated per document, so a prefix is the narrowest scope`,
        [/^Resource::<.*\.Arn>\/[a-z]+\/\*$/],
      ],
      [
        'AwsSolutions-IAM5',
        'the CDK grant’s action groups (GetObject*, List*, DeleteObject*, Abort*, kms:GenerateDataKey*, kms:ReEncrypt*), on this bucket and its key only',
        [/^Action::(s3:(GetObject|GetBucket|List|Abort|DeleteObject)|kms:(ReEncrypt|GenerateDataKey))\*$/],
      ],
    );
    return this.setEnv(envName, bucket.bucketName);
  }

  /** Sending through SES from one identity, with the configuration set that records deliveries. */
  sendsMail(opts: {
    identityArn: string;
    configurationSetName: string;
    configurationSetArn: string;
    from: string;
  }): this {
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [opts.identityArn, opts.configurationSetArn],
      }),
    );
    this.setEnv('MAIL_FROM', opts.from);
    return this.setEnv('SES_CONFIGURATION_SET', opts.configurationSetName);
  }
}
