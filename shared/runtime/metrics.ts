/**
 * Business metrics (CloudWatch Embedded Metric Format through Powertools Metrics): the numbers an
 * operator watches on the dashboard and the alarms of the stack watch. One instance per container;
 * code anywhere adds to it with `countMetric` / `durationMetric`, and the handler wrapper
 * (`publishMetrics`, called by `observed` in ./observability) flushes once per invocation.
 *
 * The names are a closed list so the stack's dashboard and alarms (infra/constructs/observability.ts)
 * and the code that emits agree at compile time.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const METRICS_NAMESPACE = 'CecObservers';
/** Fixed, not taken from the function's environment: the alarms match on this dimension. */
export const METRICS_SERVICE = 'cec-observers';

/** Every metric the product emits, with its unit. */
export const METRIC_UNITS = {
  /** An organization submitted an application (portal). */
  ApplicationsSubmitted: MetricUnit.Count,
  /** People decided (accredited or refused) by a resolution, counted per person. */
  PeopleDecided: MetricUnit.Count,
  /** A resolution was adopted. */
  Adoptions: MetricUnit.Count,
  /** Time from the submission of an application to the adoption of the resolution deciding it. */
  AdoptionDuration: MetricUnit.Seconds,
  MailSent: MetricUnit.Count,
  MailFailed: MetricUnit.Count,
  /** A mail that could not be delivered after its retries and was parked for a person to look at. */
  MailParked: MetricUnit.Count,
  /** A wrong access code entered on the portal sign-in. */
  AccessCodeFailures: MetricUnit.Count,
  /** An application locked after too many wrong access codes. */
  AccessCodeLockouts: MetricUnit.Count,
  /** An upload refused (type, size or content check). */
  UploadsRejected: MetricUnit.Count,
  /** A page of a checkpointed job processed. */
  JobPagesProcessed: MetricUnit.Count,
  /** A job step failed (the job will be retried or parked). */
  JobErrors: MetricUnit.Count,
} as const satisfies Record<string, (typeof MetricUnit)[keyof typeof MetricUnit]>;

export type MetricName = keyof typeof METRIC_UNITS;
export const METRIC_NAMES = Object.keys(METRIC_UNITS) as MetricName[];

/**
 * The container's metrics buffer. Disabled with `POWERTOOLS_METRICS_DISABLED=true` (unit tests) or
 * `POWERTOOLS_DEV=true`; the local twin leaves it on so the EMF lines appear in its log.
 */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });

/** Adds `value` (default 1) to a counter. */
export function countMetric(name: MetricName, value = 1): void {
  if (value <= 0) return;
  metrics.addMetric(name, METRIC_UNITS[name], value);
}

/** Records a duration in seconds (for metrics whose unit is Seconds). */
export function durationMetric(name: MetricName, seconds: number): void {
  if (!Number.isFinite(seconds) || seconds < 0) return;
  metrics.addMetric(name, METRIC_UNITS[name], seconds);
}

/** Writes the buffered metrics as one EMF line; a no-op when nothing was recorded. */
export function publishMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
