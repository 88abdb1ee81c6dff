/**
 * What every handler does around its work: fetch the secrets (cached; ./secrets.ts), trace the
 * invocation (Powertools Tracer), and flush the business metrics (./metrics.ts) once at the end, also
 * when the work failed. HTTP handlers get it as a middy middleware (shared/http/handler.ts); plain
 * handlers (jobs, stream and bucket consumers) wrap themselves with `observed`.
 *
 * The Tracer is not in the bundles. It carries the X-Ray SDK (~125 KB minified), which would more
 * than half again the size of every API function and its cold start for the twin and the benchmark,
 * where nothing is traced. In AWS, a function with active tracing loads it from the tracing layer the
 * stack attaches to every function (infra/constructs/tracing-layer.ts), through Node's `require`,
 * which finds `/opt/nodejs/node_modules` on Lambda's NODE_PATH. Anywhere else the tracer is off.
 */
import { createRequire } from 'node:module';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { METRICS_SERVICE, publishMetrics } from './metrics';
import { prefetchSecrets } from './secrets';

/** The package the tracing layer provides (kept out of the bundles: see above). */
export const TRACER_MODULE = '@aws-lambda-powertools/tracer';

let tracer: Tracer | null | undefined;

/** Lambda with active tracing sets the daemon address; the twin and the tests never do. */
function tracingWanted(): boolean {
  return (
    Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME && process.env.AWS_XRAY_DAEMON_ADDRESS) &&
    process.env.POWERTOOLS_TRACE_ENABLED !== 'false'
  );
}

/** The container's tracer, or null where nothing is traced (or the layer is missing: logged once). */
export function activeTracer(): Tracer | null {
  if (tracer !== undefined) return tracer;
  tracer = null;
  if (!tracingWanted()) return tracer;
  try {
    const load = createRequire(import.meta.url);
    const mod = load(TRACER_MODULE) as { Tracer: new (o: { serviceName: string }) => Tracer };
    tracer = new mod.Tracer({ serviceName: METRICS_SERVICE });
  } catch (error) {
    logger.warn('tracing is on but the tracing layer is missing: invocations are not traced', {
      error: (error as Error).message,
    });
  }
  return tracer;
}

interface Open {
  parent: ReturnType<Tracer['getSegment']>;
  sub: ReturnType<NonNullable<ReturnType<Tracer['getSegment']>>['addNewSubsegment']> | undefined;
}

function openTrace(): Open | undefined {
  const t = activeTracer();
  if (!t) return undefined;
  const parent = t.getSegment();
  const sub = parent?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
  if (sub) t.setSegment(sub);
  t.annotateColdStart();
  t.addServiceNameAnnotation();
  return { parent, sub };
}

function closeTrace(open: Open | undefined, outcome: { error?: unknown }): void {
  const t = activeTracer();
  if (!t || !open) return;
  if (outcome.error !== undefined) t.addErrorAsMetadata(outcome.error as Error);
  open.sub?.close();
  if (open.parent) t.setSegment(open.parent);
}

/** The middy middleware of HTTP handlers: register it first so it wraps everything else. */
export function observability<E, R>(): MiddlewareObj<E, R, Error, Context> {
  const traces = new WeakMap<object, Open | undefined>();
  return {
    before: async (request) => {
      traces.set(request, openTrace());
      await prefetchSecrets();
    },
    after: (request) => {
      closeTrace(traces.get(request), {});
      publishMetrics();
    },
    onError: (request) => {
      closeTrace(traces.get(request), { error: request.error });
      publishMetrics();
    },
  };
}

/** Wraps a plain handler (job, stream or bucket consumer) with the same: secrets, trace, metrics. */
export function observed<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    const open = openTrace();
    try {
      await prefetchSecrets();
      const result = await fn(...args);
      closeTrace(open, {});
      return result;
    } catch (error) {
      closeTrace(open, { error });
      throw error;
    } finally {
      publishMetrics();
    }
  };
}

/** For tests. */
export function resetTracer(): void {
  tracer = undefined;
}
