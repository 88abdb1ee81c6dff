/**
 * The figures above the grid, from the API's counters: what "all" means is what the grid lists with
 * no status chosen, the people sent to the CEC. Drafts are still the organization's work (3.1) and
 * never in the grid, so they are told apart and never added to "all".
 */
import { PERSON_STATUSES, type PersonStatus } from '#domain/lifecycle';

export type StatusCounts = Partial<Record<string, number>>;

/** Statuses the grid can list, in the order the chips show them. */
export const GRID_STATUSES: readonly PersonStatus[] = PERSON_STATUSES.filter((s) => s !== 'draft');

/** Statuses that carry the CEC's decision (3.3, 4.7). */
const DECIDED: readonly PersonStatus[] = ['accredited', 'refused', 'revoked', 'expired'];

export function sentToCec(counts: StatusCounts): number {
  return GRID_STATUSES.reduce((s, k) => s + (counts[k] ?? 0), 0);
}

export function decidedOf(counts: StatusCounts): number {
  return DECIDED.reduce((s, k) => s + (counts[k] ?? 0), 0);
}

export function draftsOf(counts: StatusCounts): number {
  return counts.draft ?? 0;
}
