/**
 * Routes that exist only on the twin, on the API port, never in the route table nor deployed. They go
 * through the same gateway path as the product's routes (JWT authorizer, payload 2.0 event, httpHandler
 * with its group check), so a reviewer's token gets the same 403 a product route would give.
 *
 *   GET  /local/health          anyone: the twin is up, and its clock
 *   GET  /local/clock           cec-admin: the twin's clock and the schedules' next due times
 *   POST /local/clock           cec-admin: {"at": ISO} | {"advance": "3d" | "2h" | ms} | {"reset": true}
 *   POST /local/jobs/{name}     cec-admin: run a scheduled job now
 *   GET  /local/dead-letters    cec-admin: events a consumer gave up on after its retries
 */
import { z } from 'zod';
import { NotFoundError, ValidationError } from '#domain/errors';
import { bishkekDate } from '#domain/time';
import { httpHandler, ok } from '#http/handler';
import { CEC_ADMIN, defineRoute } from '#http/route';
import { clock } from '#runtime/clock';
import { occurrences, parseDuration } from './cron';
import type { DeadLetters } from './dead-letters';
import type { GatewayRoute } from './gateway';
import type { LambdaHandler } from './lambda';
import type { Scheduler } from './scheduler';

const staffAdmin = { kind: 'staff', groups: CEC_ADMIN } as const;

export const localHealth = defineRoute({
  method: 'GET',
  path: '/local/health',
  handler: 'local/health',
  access: { kind: 'public' },
  summary: 'The twin is up',
  tag: 'local',
});

export const getClock = defineRoute({
  method: 'GET',
  path: '/local/clock',
  handler: 'local/clock',
  access: staffAdmin,
  summary: "The twin's clock",
  tag: 'local',
});

const clockMove = z
  .strictObject({
    at: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2027-03-11T00:00:00+06:00' })
      .optional(),
    advance: z.union([z.string().max(40), z.number()]).optional(),
    reset: z.literal(true).optional(),
  })
  .refine((b) => [b.at, b.advance, b.reset].filter((x) => x !== undefined).length === 1, {
    message: 'send exactly one of at, advance, reset',
  });

export const moveClock = defineRoute({
  method: 'POST',
  path: '/local/clock',
  handler: 'local/clock',
  access: staffAdmin,
  summary: "Set or move the twin's clock; schedules that fall due on the way fire in order",
  tag: 'local',
  body: clockMove,
});

export const runJob = defineRoute({
  method: 'POST',
  path: '/local/jobs/{name}',
  handler: 'local/jobs',
  access: staffAdmin,
  summary: 'Run a scheduled job now',
  tag: 'local',
  params: z.strictObject({ name: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a schedule name') }),
});

export const listDeadLetters = defineRoute({
  method: 'GET',
  path: '/local/dead-letters',
  handler: 'local/dead-letters',
  access: staffAdmin,
  summary: 'Events a consumer gave up on after its retries',
  tag: 'local',
});

function clockView(scheduler: Scheduler) {
  const now = clock.now();
  const horizon = new Date(now.getTime() + 8 * 86_400_000);
  return {
    now: now.toISOString(),
    bishkekDate: bishkekDate(now),
    realNow: new Date().toISOString(),
    offsetMs: now.getTime() - Date.now(),
    schedules: scheduler.rows.map((r) => ({
      name: r.name,
      cron: r.cron,
      timezone: r.timezone,
      handler: r.handler,
      nextDue: occurrences(r.cron, r.timezone, now, horizon, 1)[0]?.toISOString() ?? null,
    })),
  };
}

export function localRoutes(deps: { scheduler: () => Scheduler; deadLetters: DeadLetters }): GatewayRoute[] {
  const { deadLetters } = deps;
  // The scheduler starts after the gateway listens (it needs the environment the gateway's port completes).
  const scheduler = () => deps.scheduler();
  const as = (h: unknown) => h as LambdaHandler;
  return [
    {
      route: localHealth,
      fn: as(httpHandler(localHealth, async ({ now }) => ok({ ok: true, now: now.toISOString() }))),
    },
    { route: getClock, fn: as(httpHandler(getClock, async () => ok(clockView(scheduler())))) },
    {
      route: moveClock,
      fn: as(
        httpHandler(moveClock, async ({ body }) => {
          let move: Awaited<ReturnType<Scheduler['moveTo']>>;
          if (body.reset) move = await scheduler().reset();
          else if (body.at) move = await scheduler().moveTo(new Date(body.at));
          else {
            let ms: number;
            try {
              ms = parseDuration(body.advance ?? 0);
            } catch (err) {
              throw new ValidationError([{ field: 'advance', rule: (err as Error).message }]);
            }
            move = await scheduler().advance(ms);
          }
          return ok({ ...move, clock: clockView(scheduler()) });
        }),
      ),
    },
    {
      route: runJob,
      fn: as(
        httpHandler(runJob, async ({ params }) => {
          if (!scheduler().rows.some((r) => r.name === params.name)) throw new NotFoundError('schedule', params.name);
          return ok(await scheduler().runNow(params.name));
        }),
      ),
    },
    {
      route: listDeadLetters,
      fn: as(httpHandler(listDeadLetters, async () => ok({ data: deadLetters.list() }))),
    },
  ];
}
