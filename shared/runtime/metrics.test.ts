import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countMetric,
  durationMetric,
  METRIC_NAMES,
  METRICS_NAMESPACE,
  MetricsBuffer,
  MetricUnit,
  metrics,
  publishMetrics,
} from './metrics';

function capture(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  // Powertools writes EMF through its own console; catch what reaches stdout.
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}

describe('business metrics', () => {
  afterEach(() => {
    metrics.clearMetrics();
  });

  it('names the metrics the alarms watch', () => {
    for (const name of [
      'AccessCodeFailures',
      'AccessCodeLockouts',
      'MailSent',
      'MailFailed',
      'MailParked',
      'UploadsRejected',
    ]) {
      expect(METRIC_NAMES).toContain(name);
    }
  });

  it('writes one EMF line in the CecObservers namespace with the counted values', () => {
    const out = capture();
    try {
      countMetric('MailSent');
      countMetric('MailSent', 2);
      durationMetric('AdoptionDuration', 3600);
      publishMetrics();
    } finally {
      out.restore();
    }
    const emf = out.lines.map((l) => l.trim()).filter((l) => l.startsWith('{'));
    expect(emf).toHaveLength(1);
    const doc = JSON.parse(emf[0] as string);
    expect(doc._aws.CloudWatchMetrics[0].Namespace).toBe(METRICS_NAMESPACE);
    expect(doc.MailSent).toEqual([1, 2]);
    expect(doc.AdoptionDuration).toBe(3600);
    expect(doc.service).toBe('cec-observers');
  });

  it('writes nothing when nothing was recorded, and ignores non-positive counts', () => {
    const out = capture();
    try {
      countMetric('MailFailed', 0);
      durationMetric('AdoptionDuration', Number.NaN);
      publishMetrics();
    } finally {
      out.restore();
    }
    expect(out.lines.filter((l) => l.trim().startsWith('{'))).toHaveLength(0);
  });
});

describe('the metrics buffer', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('writes at most 100 values of a metric in one line (an EMF limit), then starts a new line', () => {
    const buffer = new MetricsBuffer('Test', 'svc');
    const out = capture();
    try {
      for (let i = 0; i < 150; i++) buffer.addMetric('MailSent', MetricUnit.Count, 1);
      buffer.publishStoredMetrics();
    } finally {
      out.restore();
    }
    const lines = out.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => (l.MailSent as number[]).length)).toEqual([100, 50]);
    expect(lines[0]!._aws).toMatchObject({
      CloudWatchMetrics: [
        { Namespace: 'Test', Dimensions: [['service']], Metrics: [{ Name: 'MailSent', Unit: 'Count' }] },
      ],
    });
  });

  it('refuses a metric recorded in two units', () => {
    const buffer = new MetricsBuffer('Test', 'svc');
    buffer.addMetric('AdoptionDuration', MetricUnit.Seconds, 1);
    expect(() => buffer.addMetric('AdoptionDuration', MetricUnit.Count, 1)).toThrow(/Seconds and now as Count/);
  });

  it('writes nothing, and forgets what was stored, when metrics are switched off', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const buffer = new MetricsBuffer('Test', 'svc');
    const out = capture();
    try {
      buffer.addMetric('MailSent', MetricUnit.Count, 1);
      buffer.publishStoredMetrics();
    } finally {
      out.restore();
    }
    expect(out.lines).toHaveLength(0);
    expect(buffer.hasStoredMetrics()).toBe(false);
  });
});
