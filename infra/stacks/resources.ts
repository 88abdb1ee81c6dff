/**
 * The shared resources every function is wired to, and the one place that turns a function's needs
 * (./needs.ts) into binder calls, plus the error alarm each function gets.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Bundle } from '../constructs/bundles';
import { ServiceFunction, type ServiceFunctionProps } from '../constructs/function';
import type { Need, SecretNeed } from './needs';

export interface MailSender {
  identityArn: string;
  configurationSetName: string;
  configurationSetArn: string;
  from: string;
}

export interface ServiceResources {
  table: ITable;
  documents: IBucket;
  certificates: IBucket;
  mail: MailSender;
  /**
   * Values `shared/runtime/config.ts` requires of every function at cold start (names of the buckets,
   * the secrets, the URLs). Naming a resource grants nothing: access comes only from the needs.
   */
  environment: Record<string, string>;
  /**
   * The secrets, each read at cold start by the functions whose needs name it (and only by them),
   * named by its ARN in an environment variable.
   */
  secrets: Record<SecretNeed, { secret: ISecret; envName: string }>;
  /** Layers of every function (the tracing layer). */
  layers: ILayerVersion[];
  alarmTopic: ITopic;
  /** Bundles built in one esbuild run, by handler; a function without one is bundled by NodejsFunction. */
  bundles?: ReadonlyMap<string, Bundle>;
}

/** Key prefixes the functions work under (the object key contracts of the documents and certificates). */
export const DOCUMENTS_PREFIX = 'documents/*';
export const CERTIFICATES_PREFIX = 'certificates/*';
export const EXPORTS_PREFIX = 'exports/*';

export function bindNeeds(f: ServiceFunction, needs: readonly Need[], res: ServiceResources): ServiceFunction {
  const has = (n: Need) => needs.includes(n);
  f.bindTable(res.table, has('table:write') ? 'write' : 'read');
  const documents = (['read', 'write', 'delete'] as const).filter((a) => has(`documents:${a}`));
  if (documents.length > 0) f.bindBucket(res.documents, 'DOCUMENTS_BUCKET', documents, DOCUMENTS_PREFIX);
  const certificates = (['read', 'write', 'delete'] as const).filter((a) => has(`certificates:${a}`));
  if (certificates.length > 0) f.bindBucket(res.certificates, 'CERTIFICATES_BUCKET', certificates, CERTIFICATES_PREFIX);
  const exportsAccess = (['read', 'write'] as const).filter((a) => has(`exports:${a}`));
  if (exportsAccess.length > 0) f.bindBucket(res.certificates, 'CERTIFICATES_BUCKET', exportsAccess, EXPORTS_PREFIX);
  if (has('mail')) f.sendsMail(res.mail);
  for (const [need, s] of Object.entries(res.secrets) as [SecretNeed, ServiceResources['secrets'][SecretNeed]][]) {
    if (has(need)) f.readsSecret(s.secret, s.envName);
  }
  return f;
}

/** Any unhandled error or timeout of the function within 5 minutes raises the alarm. */
export function errorAlarm(scope: Construct, f: ServiceFunction, topic: ITopic): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, `${f.node.id}Errors`, {
    alarmDescription: `functions/${f.handler}.ts failed (unhandled error or timeout)`,
    metric: f.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(topic));
  return alarm;
}

/** A function of the product with its needs bound and its error alarm. */
export function serviceFunction(
  scope: Construct,
  id: string,
  props: ServiceFunctionProps,
  needs: readonly Need[],
  res: ServiceResources,
): ServiceFunction {
  const f = new ServiceFunction(scope, id, {
    ...props,
    bundleDir: props.bundleDir ?? res.bundles?.get(props.handler)?.dir,
    environment: { ...res.environment, ...props.environment },
    layers: [...res.layers, ...(props.layers ?? [])],
  });
  bindNeeds(f, needs, res);
  errorAlarm(scope, f, res.alarmTopic);
  return f;
}
