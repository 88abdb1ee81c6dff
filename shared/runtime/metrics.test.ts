import { afterEach, describe, expect, it, vi } from 'vitest';
import { countMetric, durationMetric, METRIC_NAMES, METRICS_NAMESPACE, metrics, publishMetrics } from './metrics';

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
