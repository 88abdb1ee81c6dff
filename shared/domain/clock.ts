/** The clock is injected everywhere a rule depends on "now" (design principle 6). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`invalid instant: ${String(at)}`);
  return { now: () => new Date(instant.getTime()) };
}
