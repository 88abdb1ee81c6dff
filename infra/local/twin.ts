/**
 * The local twin of the deployment: DynamoDB Local (table from `createTableInput`, with its stream feeding
 * the stream consumers), s3rver with the two buckets (object-created events to the bucket consumers),
 * aws-ses-v2-local, a local OIDC issuer in Cognito's shape, the API gateway over the route table, the
 * schedules on a movable clock, and optionally the admin UI. The functions run in this process, so
 * they share the environment set here and the clock.
 *
 * Used by `npm start` (start.ts), the integration tests' global setup, and the benchmarks.
 */
import { join } from 'node:path';
import { resetClock } from '#runtime/clock';
import { resetConfig } from '#runtime/config';
import { type BucketConsumer, bucketConsumers, streamConsumers } from '#wiring/consumers';
import { schedules } from '#wiring/schedules';
import { DeadLetters } from './dead-letters';
import {
  type DynamoDbLocal,
  type DynamoDbLocalTuning,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  ensureTable,
  startDynamoDbLocal,
} from './dynamodb-local';
import { DEFAULT_TABLE_NAME, REAL_AWS_VARIABLES, baseEnv, twinEnv } from './env';
import { type Gateway, startGateway } from './gateway';
import { uiOrigins } from './http-util';
import { REPO_ROOT, settleInvocations } from './lambda';
import { type Issuer, startIssuer } from './oidc';
import { HOST, type ServiceName, assertPortsFree, freePort, portOf } from './ports';
import { type BucketConsumerSpec, type LocalS3, startS3 } from './s3';
import { type ScheduleSpec, type Scheduler, startScheduler } from './scheduler';
import type { SeedReport } from './seed';
import { type LocalSes, startSes } from './ses';
import { type StreamConsumerSpec, type StreamPoller, startStreamPoller } from './streams';
import { type LocalUi, type UiMode, availableUiMode, startUi } from './ui';

export interface TwinOptions {
  /** 'free': every service on a free port (tests). Otherwise per service, else `TWIN_*_PORT`, else the defaults. */
  ports?: 'free' | Partial<Record<ServiceName, number>>;
  /** Keep DynamoDB data, S3 objects and the signing key under `.local/` across restarts. */
  persist?: boolean;
  /** DynamoDB Local's JVM settings (default 'quick-start'; the benchmarks ask for 'throughput'). */
  dynamodbTuning?: DynamoDbLocalTuning;
  dataDir?: string;
  tableName?: string;
  /** Load the demo data (default true). */
  seed?: boolean;
  /** Start even when loading the demo data fails (the error is logged); default false. */
  tolerateSeedFailure?: boolean;
  /** 'dev' (Vite), 'dist' (the build), 'off'; default: what exists, or `TWIN_UI`. */
  ui?: UiMode;
  /** Replace the consumer and schedule tables, or add to them (tests add fixture functions). */
  streamConsumers?: readonly StreamConsumerSpec[];
  extraStreamConsumers?: readonly StreamConsumerSpec[];
  bucketConsumers?: readonly BucketConsumerSpec[];
  extraBucketConsumers?: readonly BucketConsumerSpec[];
  schedules?: readonly ScheduleSpec[];
  extraSchedules?: readonly ScheduleSpec[];
  /** Check real time for due schedules (default true). */
  scheduleTimer?: boolean;
  streamPollMs?: number;
  streamRetryBaseMs?: number;
  log?: (line: string) => void;
}

export interface TwinUrls {
  api: string;
  openapi: string;
  ui: string | null;
  mail: string;
  s3: string;
  oidc: string;
  dynamodb: string;
}

export interface Twin {
  urls: TwinUrls;
  /** The same URLs on the loopback address, for scripts and tests. */
  internal: { api: string; oidc: string };
  env: Record<string, string>;
  readyMs: number;
  /** Milliseconds from the start to the end of each stage (modules, dynamodb, servers, table, consumers, seed). */
  timings: Record<string, number>;
  uiMode: UiMode;
  persist: boolean;
  seed: SeedReport | null;
  dynamodbPid: number | undefined;
  issuer: Issuer;
  scheduler: Scheduler;
  deadLetters: DeadLetters;
  stop(): Promise<void>;
}

let running = false;

function resolvePorts(opt: TwinOptions['ports'], uiMode: UiMode): Record<ServiceName, number> {
  const services: ServiceName[] = ['api', 'dynamodb', 's3', 'ses', 'oidc', 'ui'];
  const out = {} as Record<ServiceName, number>;
  for (const s of services) out[s] = opt === 'free' ? 0 : portOf(s, opt?.[s]);
  if (uiMode === 'off' && opt !== 'free') out.ui = portOf('ui', typeof opt === 'object' ? opt.ui : undefined);
  return out;
}

export async function startTwin(options: TwinOptions = {}): Promise<Twin> {
  if (running) throw new Error('a twin is already running in this process (its functions share one environment)');
  running = true;
  const started = performance.now();
  const timings: Record<string, number> = {};
  const mark = (stage: string) => {
    timings[stage] = Math.round(performance.now() - started);
  };
  const log = options.log ?? ((line: string) => console.log(line));
  const uiMode = availableUiMode(options.ui);
  const ports = resolvePorts(options.ports, uiMode);
  const persist = options.persist ?? process.env.TWIN_PERSIST === 'true';
  const dataDir = options.dataDir ?? join(REPO_ROOT, '.local');
  const tableName = options.tableName ?? process.env.TABLE_NAME ?? DEFAULT_TABLE_NAME;
  const buckets: Record<BucketConsumer['bucket'], string> = {
    documents: process.env.DOCUMENTS_BUCKET || 'cec-documents',
    certificates: process.env.CERTIFICATES_BUCKET || 'cec-certificates',
  };

  // Stopping goes in two steps: first what starts calls (gateway, UI, scheduler, stream poller), then,
  // once the calls still running have finished, the emulators they talk to and the environment.
  const quiesce: (() => Promise<void> | void)[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  const savedEnv = new Map<string, string | undefined>();
  const runAll = async (list: (() => Promise<void> | void)[]) => {
    for (const stop of list.splice(0).reverse()) {
      try {
        await stop();
      } catch (err) {
        log(`stopping: ${String(err)}`);
      }
    }
  };
  const stopAll = async () => {
    await runAll(quiesce);
    const left = await settleInvocations(20_000);
    if (left > 0) log(`stopping with ${left} function call(s) still running`);
    await runAll(stops);
    running = false;
  };

  let dbPromise: Promise<DynamoDbLocal> | undefined;
  const applyEnv = (vars: Record<string, string>) => {
    for (const name of Object.keys(vars)) if (!savedEnv.has(name)) savedEnv.set(name, process.env[name]);
    Object.assign(process.env, vars);
    resetConfig();
  };
  stops.push(() => {
    // Last of all: back to real time, then the environment as it was.
    if (process.env.LOCAL_TWIN === 'true') resetClock();
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfig();
  });

  try {
    const { ui: uiPort, ...servicePorts } = ports;
    await assertPortsFree(uiMode === 'off' ? servicePorts : ports);
    const dynamodbPort = ports.dynamodb === 0 ? await freePort() : ports.dynamodb;
    // The admin UI's origin is fixed before it starts: it is in the CORS rules of the API, S3 and the issuer.
    const uiPortFixed = uiMode === 'off' || uiPort !== 0 ? uiPort || portOf('ui') : await freePort();
    const corsOrigins = uiOrigins(uiPortFixed);
    // The functions read their configuration from this process's environment, as a Lambda does from its
    // own; what does not depend on ports is set now, before their shared modules are first imported.
    for (const name of REAL_AWS_VARIABLES) {
      savedEnv.set(name, process.env[name]);
      delete process.env[name];
    }
    applyEnv(baseEnv({ tableName, documentsBucket: buckets.documents, certificatesBucket: buckets.certificates }));
    const { localRoutes } = await import('./local-routes');
    const { routes: productRoutes } = await import('#http/routes');
    mark('modules');
    const deadLetters = new DeadLetters();
    let scheduler: Scheduler | undefined;

    dbPromise = startDynamoDbLocal({
      port: dynamodbPort,
      tuning: options.dynamodbTuning ?? 'quick-start',
      ...(persist ? { dataDir: join(dataDir, 'dynamodb') } : {}),
    });
    dbPromise
      .then((db) => {
        mark('dynamodb');
        stops.push(() => db.stop());
      })
      .catch(() => {});

    // The issuer, SES and S3 start side by side (each is stopped again if another fails).
    const started3 = await Promise.allSettled([
      startIssuer({
        port: ports.oidc,
        corsOrigins,
        ...(persist ? { keyFile: join(dataDir, 'oidc-key.json') } : {}),
      }),
      startSes({ port: ports.ses }),
      startS3({
        port: ports.s3,
        buckets,
        corsOrigins,
        consumers: [...(options.bucketConsumers ?? bucketConsumers), ...(options.extraBucketConsumers ?? [])],
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
        deadLetters,
        ...(persist ? { directory: join(dataDir, 's3') } : {}),
        log: (line) => log(`s3: ${line}`),
      }),
    ] as const);
    for (const r of started3) if (r.status === 'fulfilled') stops.push(() => r.value.stop());
    const failure = started3.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    const [issuer, ses, s3] = started3.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
      Issuer,
      LocalSes,
      LocalS3,
    ];

    const gateway: Gateway = await startGateway({
      port: ports.api,
      routes: [
        ...productRoutes.map((route) => ({ route })),
        ...localRoutes({
          scheduler: () => {
            if (!scheduler) throw new Error('the scheduler is not started yet');
            return scheduler;
          },
          deadLetters,
        }),
      ],
      issuer: { issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, clientId: issuer.clientId },
      corsOrigins,
      region: LOCAL_REGION,
      log: (line) => log(`api: ${line}`),
    });
    quiesce.push(() => gateway.stop());
    const apiUrl = `http://localhost:${gateway.port}`;
    const apiInternalUrl = `http://${HOST}:${gateway.port}`;
    const issuerInternalUrl = `http://${HOST}:${issuer.port}`;

    const ui: LocalUi | null = await startUi({
      mode: uiMode,
      port: uiPortFixed,
      config: { apiUrl, auth: { kind: 'local', issuer: issuer.issuer } },
    });
    if (ui) quiesce.push(() => ui.stop());
    mark('servers');

    const db = await dbPromise;
    const env = twinEnv({
      tableName,
      documentsBucket: buckets.documents,
      certificatesBucket: buckets.certificates,
      dynamodb: db.endpoint,
      s3: s3.endpoint,
      ses: ses.endpoint,
      apiUrl,
      apiInternalUrl,
      issuer: issuer.issuer,
      issuerInternalUrl,
      clientId: issuer.clientId,
      uiOrigin: ui?.url ?? corsOrigins[0]!,
    });
    applyEnv(env);

    await ensureTable(db.endpoint, tableName);
    mark('table');

    const poller: StreamPoller = await startStreamPoller({
      endpoint: db.endpoint,
      tableName,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      consumers: [...(options.streamConsumers ?? streamConsumers), ...(options.extraStreamConsumers ?? [])],
      deadLetters,
      pollMs: options.streamPollMs,
      retryBaseMs: options.streamRetryBaseMs,
      log: (line) => log(`stream: ${line}`),
    });
    quiesce.push(() => poller.stop());

    const activeScheduler = startScheduler({
      rows: [...(options.schedules ?? schedules), ...(options.extraSchedules ?? [])],
      region: LOCAL_REGION,
      timerMs: options.scheduleTimer === false ? 0 : 1000,
      log: (line) => log(`scheduler: ${line}`),
    });
    scheduler = activeScheduler;
    quiesce.push(() => activeScheduler.stop());
    mark('consumers');

    let seedReport: SeedReport | null = null;
    if (options.seed ?? true) {
      try {
        const { seedDemoData } = await import('./seed');
        seedReport = await seedDemoData();
      } catch (err) {
        // `npm start` goes on without (all of) the demo data; tests want to know.
        if (!options.tolerateSeedFailure) throw err;
        log(`the demo data could not be loaded: ${(err as Error)?.stack ?? String(err)}`);
        seedReport = {
          summary: `not loaded (${(err as Error)?.message ?? String(err)})`,
          created: 0,
          existing: 0,
          elections: [],
          notes: [],
          accessCodes: [],
        };
      }
      mark('seed');
    }

    gateway.setReady();
    const readyMs = Math.round(performance.now() - started);
    return {
      urls: {
        api: apiUrl,
        openapi: `${apiUrl}/v1/openapi.json`,
        ui: ui?.url ?? null,
        mail: `http://localhost:${ses.port}`,
        s3: `http://localhost:${s3.port}`,
        oidc: issuer.issuer,
        dynamodb: db.endpoint,
      },
      internal: { api: apiInternalUrl, oidc: issuerInternalUrl },
      env,
      readyMs,
      timings,
      uiMode: ui ? ui.mode : 'off',
      persist,
      seed: seedReport,
      get dynamodbPid() {
        return db.pid;
      },
      issuer,
      scheduler: activeScheduler,
      deadLetters,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    // DynamoDB Local may still have been starting when another part failed.
    await dbPromise?.then((db) => db.stop()).catch(() => {});
    throw err;
  }
}

/** For the benchmarks: no UI, no timer, free ports, quiet; the demo data loaded. */
export function startTwinForBench(options: TwinOptions = {}): Promise<Twin> {
  return startTwin({
    ports: 'free',
    ui: 'off',
    scheduleTimer: false,
    log: () => {},
    dynamodbTuning: 'throughput',
    ...options,
  });
}
