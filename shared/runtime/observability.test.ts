import { afterEach, describe, expect, it, vi } from 'vitest';
import { countMetric, metrics } from './metrics';
import { activeTracer, observed, resetTracer } from './observability';

describe('observed handlers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    metrics.clearMetrics();
    resetTracer();
  });

  it('flushes the metrics once per invocation, also when the work fails', async () => {
    const publish = vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const ok = observed(async (n: number) => {
      countMetric('JobPagesProcessed', n);
      return n * 2;
    });
    expect(await ok(3)).toBe(6);
    expect(publish).toHaveBeenCalledTimes(1);
    const failing = observed(async () => {
      countMetric('JobErrors');
      throw new Error('boom');
    });
    await expect(failing()).rejects.toThrow('boom');
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it('traces nothing outside Lambda (the twin, the tests): the tracer is not even loaded', () => {
    expect(process.env.AWS_XRAY_DAEMON_ADDRESS).toBeUndefined();
    expect(activeTracer()).toBeNull();
  });

  it('loads the Powertools Tracer in a Lambda with active tracing', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'cec-observers-test');
    vi.stubEnv('AWS_XRAY_DAEMON_ADDRESS', '169.254.79.129:2000');
    try {
      const tracer = activeTracer();
      expect(tracer?.constructor.name).toBe('Tracer');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
