/**
 * The runtime clock of handlers and jobs. In AWS it is the system clock. In the local twin
 * (LOCAL_TWIN=true) it can be set or moved, so that demos and tests can reach voting day; the
 * functions that move it refuse to work anywhere else.
 */
import type { Clock } from '#domain/clock';

let offsetMs = 0;

export const clock: Clock = {
  now: () => new Date(Date.now() + offsetMs),
};

function assertLocal(): void {
  if (process.env.LOCAL_TWIN !== 'true') throw new Error('the clock can only be moved in the local twin');
}

export function setNow(at: Date): void {
  assertLocal();
  offsetMs = at.getTime() - Date.now();
}

export function advance(ms: number): void {
  assertLocal();
  offsetMs += ms;
}

export function resetClock(): void {
  assertLocal();
  offsetMs = 0;
}
