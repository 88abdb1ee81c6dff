/**
 * The grid's answer to a filter or an order worked out from rows already loaded, so a status chip or
 * a sort shows its rows at once while the API confirms in the background (use-grid-rows.ts). It
 * follows the API's own semantics (shared/data/triage.ts `filterExpression`, the name index's
 * `begins_with`), and is used only when the loaded list holds every row the new query can return:
 * a complete list whose filter the new one narrows (or equals, in the other order).
 */
import { nameKey } from '#data/keys';
import type { PersonRow } from './triage-columns';

export type GridFilterValue = Record<string, string | boolean | undefined>;

/** The filter fields the API knows (schemas/triage.ts `gridFilter`); any other means "ask the API". */
const KNOWN = new Set([
  'status',
  'organizationId',
  'country',
  'citizenship',
  'flag',
  'channel',
  'missingDocuments',
  'checked',
  'name',
  'q',
]);

/** The filter without empty fields (the API's query string leaves them out too). */
export function cleanFilter(f: GridFilterValue): GridFilterValue {
  const out: GridFilterValue = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

const asBool = (v: string | boolean | undefined) => (v === undefined ? undefined : v === true || v === 'true');

/** The name prefix the index is searched with (`namePrefix` in shared/data/triage.ts); '' when none. */
function prefixOf(f: GridFilterValue): string | null {
  const raw = f.name ?? f.q;
  if (raw === undefined) return '';
  const p = nameKey(String(raw).trim(), '');
  // The API refuses a name without Latin letters (400): only the API may say so.
  return p ? p : null;
}

/** True when the filter is one this module can apply as the API does. */
export function isLocalFilter(f: GridFilterValue): boolean {
  const c = cleanFilter(f);
  return Object.keys(c).every((k) => KNOWN.has(k)) && prefixOf(c) !== null && !(c.name && c.q);
}

/**
 * A row the API would list under the filter: drafts never without a status (3.1); missing documents
 * are anything but a received passport copy and photo (3.1); names by prefix of the name key.
 */
export function matchesFilter(row: PersonRow, filter: GridFilterValue): boolean {
  const f = cleanFilter(filter);
  if (f.status ? row.status !== f.status : row.status === 'draft') return false;
  if (f.organizationId !== undefined && row.organizationId !== f.organizationId) return false;
  if (f.country !== undefined && row.organizationCountry !== f.country) return false;
  if (f.citizenship !== undefined && row.citizenship !== f.citizenship) return false;
  if (f.channel !== undefined && row.channel !== f.channel) return false;
  const checked = asBool(f.checked);
  if (checked !== undefined && row.checked !== checked) return false;
  if (f.flag !== undefined && !row.flags.includes(String(f.flag))) return false;
  const missing = asBool(f.missingDocuments);
  if (missing !== undefined) {
    const complete = row.documents.passport === 'received' && row.documents.photo === 'received';
    if (missing === complete) return false;
  }
  const prefix = prefixOf(f);
  if (prefix) {
    const key = `${nameKey(row.familyNameLatin, row.givenNamesLatin)}#${row.id}`;
    if (!key.startsWith(prefix)) return false;
  }
  return true;
}

/**
 * True when every row `target` can list is among the rows of `source`: each field of the source's
 * filter is in the target with the same value, and the target's name prefix extends the source's.
 */
export function narrows(source: GridFilterValue, target: GridFilterValue): boolean {
  if (!isLocalFilter(source) || !isLocalFilter(target)) return false;
  const s = cleanFilter(source);
  const t = cleanFilter(target);
  for (const [k, v] of Object.entries(s)) {
    if (k === 'name' || k === 'q') continue;
    if (k === 'checked' || k === 'missingDocuments') {
      if (asBool(t[k]) !== asBool(v)) return false;
    } else if (t[k] !== v) return false;
  }
  return (prefixOf(t) ?? '').startsWith(prefixOf(s) ?? '');
}

/** The counts a list shows are its scope's (the organization's, else the country's, else the election's). */
export function sameScope(a: GridFilterValue, b: GridFilterValue): boolean {
  const x = cleanFilter(a);
  const y = cleanFilter(b);
  return x.organizationId === y.organizationId && x.country === y.country;
}

/**
 * The rows the API lists for `target` in `order`, from the complete list of `source` (in its order):
 * the list is already in the index's name order, so filtering keeps it, and the other order is its
 * reverse (the index read backwards).
 */
export function viewOf(
  rows: readonly PersonRow[],
  source: { filter: GridFilterValue; order: 'ASC' | 'DESC' },
  target: { filter: GridFilterValue; order: 'ASC' | 'DESC' },
): PersonRow[] {
  const picked = rows.filter((r) => matchesFilter(r, target.filter));
  return source.order === target.order ? picked : picked.reverse();
}
