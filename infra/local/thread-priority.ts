/**
 * A thread's scheduling priority. Linux keeps a nice value per thread (the other systems per process):
 * `/proc/thread-self` names the calling thread's id, which `setpriority` takes in place of a process id.
 * Lowering a priority is always allowed; raising one needs the privilege to (root, CAP_SYS_NICE).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Sets the calling thread's nice value; false where the system has no per-thread priority or refuses. */
export function setThisThreadPriority(nice: number): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId) || threadId <= 0) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
