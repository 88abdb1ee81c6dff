/**
 * Running a function as Lambda would: its entry module under `functions/` is imported once (a warm
 * container), and `handler(event, context)` is called with a context of Lambda's shape and a timeout.
 * The twin runs every function in its own process, so they share its environment and movable clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LOCAL_ACCOUNT_ID = '000000000000';

/** `http/public/list-elections` is `functions/http/public/list-elections.ts`; an absolute path is taken as it is. */
export function modulePath(handler: string): string {
  if (isAbsolute(handler)) return handler;
  return join(REPO_ROOT, 'functions', `${handler}.ts`);
}

export function functionName(handler: string): string {
  const base = isAbsolute(handler) ? (handler.split('/').pop() ?? handler).replace(/\.ts$/, '') : handler;
  return `cec-observers-${base.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export class FunctionTimeoutError extends Error {
  override name = 'FunctionTimeoutError';
}

const loaded = new Map<string, Promise<LambdaHandler>>();

/** The function's `handler`, or null when its module does not exist (yet): the caller says so and skips. */
export async function loadHandler(handler: string): Promise<LambdaHandler | null> {
  const path = modulePath(handler);
  if (!existsSync(path)) return null;
  let pending = loaded.get(path);
  if (!pending) {
    pending = import(pathToFileURL(path).href).then((mod: Record<string, unknown>) => {
      if (typeof mod.handler !== 'function') throw new Error(`${path} does not export a function named handler`);
      return mod.handler as LambdaHandler;
    });
    loaded.set(path, pending);
    // A module that failed to load is tried again on the next call (after the developer fixed it).
    pending.catch(() => loaded.delete(path));
  }
  return pending;
}

export function lambdaContext(handler: string, timeoutMs: number, region: string): Context {
  const name = functionName(handler);
  const deadline = Date.now() + timeoutMs;
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  const unsupported = () => {
    throw new Error('callback-style completion is not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** Calls the handler; past the timeout the caller gets FunctionTimeoutError (the work itself cannot be stopped). */
export async function invoke(fn: LambdaHandler, event: unknown, context: Context, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FunctionTimeoutError(`${context.functionName} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  const running = Promise.resolve().then(() => fn(event, context));
  inFlight.add(running);
  running.then(
    () => inFlight.delete(running),
    () => inFlight.delete(running),
  );
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls still running (a timed-out call runs on: Lambda would have frozen it, here it finishes). */
const inFlight = new Set<Promise<unknown>>();

/**
 * Waits until no function call is running, or `timeoutMs` passed; returns how many still run. The
 * twin waits for this before it stops the emulators, so no call loses its endpoints mid-way.
 */
export async function settleInvocations(timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (inFlight.size > 0 && Date.now() < deadline) {
    await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 100))]);
  }
  return inFlight.size;
}
