/** Errors of deciding. Each names the clause it rests on; shared/http/errors.ts maps them to HTTP. */
import { ValidationError } from '#domain/errors';
import type { ItemProblem } from './rules';

/**
 * Adoption refused as a whole (all or none, 3.3): the people who cannot be decided, and why. HTTP 409
 * with `issues` as `{ field: 'items.<personId>', rule }`; nothing was changed, or, for an adoption that
 * stopped part-way, nothing more.
 */
export class AdoptionBlockedError extends ValidationError {
  override name = 'AdoptionBlockedError';
  override readonly code = 'ADOPTION_BLOCKED';
  override readonly clause = '3.3';
  constructor(
    readonly problems: ItemProblem[],
    names: ReadonlyMap<string, string> = new Map(),
    resumable = false,
  ) {
    super(
      problems.map((p) => ({
        field: `items.${p.personId}`,
        rule: `${names.get(p.personId) ?? p.personId} ${p.rule}`,
      })),
      `${problems.length} item(s) cannot be applied, so nothing ${resumable ? 'more ' : ''}was applied (all or none, 3.3): ` +
        problems
          .slice(0, 5)
          .map((p) => `${names.get(p.personId) ?? p.personId} ${p.rule}`)
          .join('; ') +
        (problems.length > 5 ? `; and ${problems.length - 5} more` : '') +
        (resumable
          ? '. The adoption stopped part-way: remove these items (DELETE .../items/{personId}) and adopt again to finish it.'
          : '. The resolution is still a draft: change or remove these items and adopt again.'),
    );
  }
}
