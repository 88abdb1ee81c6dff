/**
 * Business metrics (CloudWatch Embedded Metric Format, one JSON line on stdout that CloudWatch turns
 * into metrics): the numbers an operator watches on the dashboard and the alarms of the stack watch.
 * One buffer per container; code anywhere adds to it with `countMetric` / `durationMetric`, and the
 * handler wrapper (`publishMetrics`, called by `observed` in ./observability) flushes once per
 * invocation. The lines are those Powertools Metrics writes (namespace, the `service` dimension, one
 * value or a list of values per metric); the format is written here in a few lines rather than with
 * that library, which would add some 10 KB to every function's bundle and its cold start.
 *
 * The names are a closed list so the stack's dashboard and alarms (infra/constructs/observability.ts)
 * and the code that emits agree at compile time.
 */
/** The units the product's metrics use (CloudWatch's names). */
export const MetricUnit = { Count: 'Count', Seconds: 'Seconds' } as const;
export type MetricUnitName = (typeof MetricUnit)[keyof typeof MetricUnit];

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
} as const satisfies Record<string, MetricUnitName>;

export type MetricName = keyof typeof METRIC_UNITS;
export const METRIC_NAMES = Object.keys(METRIC_UNITS) as MetricName[];

/** CloudWatch takes at most 100 values of one metric in one EMF line. */
const MAX_VALUES = 100;

/**
 * The container's metrics buffer. Disabled with `POWERTOOLS_METRICS_DISABLED=true` (unit tests) or
 * `POWERTOOLS_DEV=true`, the switches of Powertools; the local twin leaves it on so the EMF lines
 * appear in its log.
 */
export class MetricsBuffer {
  private stored = new Map<string, { unit: MetricUnitName; values: number[] }>();

  constructor(
    readonly namespace: string,
    readonly service: string,
  ) {}

  addMetric(name: string, unit: MetricUnitName, value: number): void {
    const entry = this.stored.get(name);
    if (entry && entry.unit !== unit) {
      throw new Error(`metric ${name} was recorded as ${entry.unit} and now as ${unit}`);
    }
    if (entry) entry.values.push(value);
    else this.stored.set(name, { unit, values: [value] });
    if ((entry?.values.length ?? 1) >= MAX_VALUES) this.publishStoredMetrics();
  }

  hasStoredMetrics(): boolean {
    return this.stored.size > 0;
  }

  clearMetrics(): void {
    this.stored.clear();
  }

  /** The EMF document of what is stored (Timestamp in milliseconds). */
  serialize(now = Date.now()): Record<string, unknown> {
    const doc: Record<string, unknown> = {
      _aws: {
        Timestamp: now,
        CloudWatchMetrics: [
          {
            Namespace: this.namespace,
            Dimensions: [['service']],
            Metrics: [...this.stored].map(([Name, { unit }]) => ({ Name, Unit: unit })),
          },
        ],
      },
      service: this.service,
    };
    for (const [name, { values }] of this.stored) doc[name] = values.length === 1 ? values[0] : values;
    return doc;
  }

  /** Writes what is stored as one EMF line on stdout and empties the buffer. */
  publishStoredMetrics(): void {
    const off = process.env.POWERTOOLS_METRICS_DISABLED === 'true' || process.env.POWERTOOLS_DEV === 'true';
    if (!off && this.stored.size > 0) process.stdout.write(`${JSON.stringify(this.serialize())}\n`);
    this.clearMetrics();
  }
}

export const metrics = new MetricsBuffer(METRICS_NAMESPACE, METRICS_SERVICE);

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
