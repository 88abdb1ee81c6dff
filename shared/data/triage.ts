/**
 * The triage grid's reads: one page of the people of an election, from the index that the most
 * selective indexed filter names (status gsi1, organization gsi2, the organization's country gsi3,
 * otherwise gsi5), in name order, with the other filters as a FilterExpression. Counts come from the
 * counter items, never from reading people.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#domain/errors';
import type { PersonStatus } from '#domain/lifecycle';
import type { Organization } from '#schemas/organization';
import type { Person } from '#schemas/person';
import type { GridFilter, GridRow } from '#schemas/triage';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import type { StatusCounts } from './counters';
import { indexPartitions, keys, nameKey } from './keys';
import { getOrganizations } from './organizations';
import { type PageRequest, queryPage } from './paging';
import { personFromItem } from './persons';
import type { IndexName } from './table';

const ORG_CACHE_MS = 5 * 60 * 1000;
const orgCache = new Map<string, { org: Organization | null; until: number }>();

/**
 * Organizations by id for display (names beside the grid's rows): one BatchGet per page for those
 * not cached; cached for 5 minutes per container, since names change rarely. Pass `fresh` where the
 * value must be current (contact emails for decision letters).
 */
export async function organizationsById(
  ids: readonly string[],
  opts: { fresh?: boolean } = {},
): Promise<Map<string, Organization>> {
  const now = Date.now();
  const unique = [...new Set(ids)];
  const missing = opts.fresh ? unique : unique.filter((id) => (orgCache.get(id)?.until ?? 0) <= now);
  if (missing.length > 0) {
    const found = await getOrganizations(missing);
    const byId = new Map(found.map((o) => [o.id, o]));
    for (const id of missing) orgCache.set(id, { org: byId.get(id) ?? null, until: now + ORG_CACHE_MS });
  }
  const out = new Map<string, Organization>();
  for (const id of unique) {
    const org = orgCache.get(id)?.org;
    if (org) out.set(id, org);
  }
  return out;
}

/** For tests: forget cached organizations. */
export function clearOrganizationCache(): void {
  orgCache.clear();
}

export function organizationLabel(o: Organization | undefined): string | null {
  return o ? (o.name.en ?? o.name.original) : null;
}

function countsOf(item: Record<string, unknown> | undefined): StatusCounts {
  const counts: StatusCounts = {};
  for (const [k, v] of Object.entries(item ?? {})) {
    if (typeof v === 'number' && !['pk', 'sk', 'schemaVersion'].includes(k)) counts[k as PersonStatus] = v;
  }
  return counts;
}

const sum = (c: StatusCounts) => Object.values(c).reduce((a, b) => a + (b ?? 0), 0);

interface CounterRead {
  election: StatusCounts;
  organization?: StatusCounts;
  country?: StatusCounts;
  consumed: number;
}

/** The counter items the page needs, in one BatchGet (eventually consistent: a grid may lag a moment). */
async function readCounters(electionId: string, f: GridFilter): Promise<CounterRead> {
  const wanted = [
    { key: keys.statusCounter(electionId), as: 'election' as const },
    ...(f.organizationId ? [{ key: keys.orgCounter(electionId, f.organizationId), as: 'organization' as const }] : []),
    ...(f.country ? [{ key: keys.countryCounter(electionId, f.country), as: 'country' as const }] : []),
  ];
  const table = config().tableName;
  const out = await ddb.send(
    new BatchGetCommand({
      RequestItems: { [table]: { Keys: wanted.map((w) => ({ ...w.key })) } },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  const items = out.Responses?.[table] ?? [];
  const result: CounterRead = {
    election: {},
    consumed: out.ConsumedCapacity?.reduce((a, c) => a + (c.CapacityUnits ?? 0), 0) ?? 0,
  };
  for (const w of wanted) {
    const item = items.find((i) => i.pk === w.key.pk && i.sk === w.key.sk);
    result[w.as] = countsOf(item);
  }
  return result;
}

export interface IndexChoice {
  index: IndexName;
  partition: string;
  /** The indexed filters that the chosen index does not cover (they go into the FilterExpression). */
  residual: ('status' | 'organizationId' | 'country')[];
}

/**
 * The index whose partition holds the fewest people among the indexed filters given (sizes from the
 * counters): a status tab reads only that status, an organization filter only its people, and so on.
 */
export function chooseIndex(
  electionId: string,
  f: GridFilter,
  sizes: { status?: number; organizationId?: number; country?: number },
): IndexChoice {
  const candidates: {
    field: 'status' | 'organizationId' | 'country';
    index: IndexName;
    partition: string;
    size: number;
  }[] = [];
  if (f.status) {
    candidates.push({
      field: 'status',
      index: 'gsi1',
      partition: indexPartitions.peopleByStatus(electionId, f.status),
      size: sizes.status ?? 0,
    });
  }
  if (f.organizationId) {
    candidates.push({
      field: 'organizationId',
      index: 'gsi2',
      partition: indexPartitions.peopleByOrganization(electionId, f.organizationId),
      size: sizes.organizationId ?? 0,
    });
  }
  if (f.country) {
    candidates.push({
      field: 'country',
      index: 'gsi3',
      partition: indexPartitions.peopleByCountry(electionId, f.country),
      size: sizes.country ?? 0,
    });
  }
  if (candidates.length === 0) {
    return { index: 'gsi5', partition: indexPartitions.peopleOfElection(electionId), residual: [] };
  }
  // Stable: on equal sizes the order above (status, organization, country) decides.
  const best = candidates.reduce((a, b) => (b.size < a.size ? b : a));
  return {
    index: best.index,
    partition: best.partition,
    residual: candidates.filter((c) => c !== best).map((c) => c.field),
  };
}

/** The FilterExpression of everything the index does not select by. */
export function filterExpression(f: GridFilter, residual: IndexChoice['residual']): PageRequest['filter'] {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const eq = (attr: string, value: unknown) => {
    const i = parts.length;
    names[`#f${i}`] = attr;
    values[`:f${i}`] = value;
    parts.push(`#f${i} = :f${i}`);
  };
  if (residual.includes('status') && f.status) eq('status', f.status);
  if (!f.status) {
    // 3.1: people still in draft are the organization's work, not yet sent to the CEC.
    names['#st'] = 'status';
    values[':draft'] = 'draft';
    parts.push('#st <> :draft');
  }
  if (residual.includes('organizationId') && f.organizationId) eq('organizationId', f.organizationId);
  if (residual.includes('country') && f.country) eq('organizationCountry', f.country);
  if (f.citizenship) eq('citizenship', f.citizenship);
  if (f.channel) eq('channel', f.channel);
  if (f.checked !== undefined) eq('checked', f.checked);
  if (f.flag) {
    names['#flags'] = 'flags';
    values[':flag'] = f.flag;
    parts.push('contains(#flags, :flag)');
  }
  if (f.missingDocuments !== undefined) {
    // 3.1: a passport copy and a photo are required; "missing" is anything but received.
    names['#docs'] = 'documents';
    names['#pp'] = 'passport';
    names['#ph'] = 'photo';
    values[':received'] = 'received';
    const complete = '(#docs.#pp = :received AND #docs.#ph = :received)';
    parts.push(f.missingDocuments ? `(NOT ${complete})` : complete);
  }
  if (parts.length === 0) return undefined;
  return { expression: parts.join(' AND '), names, values };
}

/** The index sort key prefix of a name search; names are indexed in Latin, upper-cased (nameKey). */
export function namePrefix(raw: string): string {
  const prefix = nameKey(raw, '');
  if (!prefix) {
    throw new ValidationError([
      {
        field: 'query.filter.name',
        rule: 'must hold Latin letters: names are searched as written in the passport, in Latin',
      },
    ]);
  }
  return prefix;
}

export function gridRowOf(p: Person, orgs: ReadonlyMap<string, Organization>): GridRow {
  const last = p.decisions.at(-1);
  return {
    id: p.id,
    familyNameLatin: p.familyNameLatin,
    givenNamesLatin: p.givenNamesLatin,
    familyNameCyrillic: p.familyNameCyrillic,
    givenNamesCyrillic: p.givenNamesCyrillic,
    role: p.role,
    organizationId: p.organizationId,
    organizationName: organizationLabel(orgs.get(p.organizationId)),
    organizationCountry: p.organizationCountry,
    applicationId: p.applicationId,
    applicationNumber: p.applicationNumber ?? null,
    citizenship: p.citizenship,
    passportExpiresOn: p.passportExpiresOn,
    documents: p.documents,
    flags: p.flags,
    channel: p.channel,
    status: p.status,
    reviewerNote: p.reviewerNote,
    checked: p.checked,
    version: p.version,
    submittedAt: p.submittedAt,
    decisionCount: p.decisions.length,
    lastDecision: last
      ? {
          resolutionId: last.resolutionId,
          resolutionNumber: last.resolutionNumber,
          adoptedOn: last.adoptedOn,
          outcome: last.outcome,
          ground: last.ground,
          revocationReason: last.revocationReason,
        }
      : null,
    certificateNumber: p.certificateNumber,
  };
}

export interface GridPageResult {
  rows: GridRow[];
  nextCursor: string | null;
  total?: number;
  counts: StatusCounts;
  scopeCounts?: StatusCounts;
  index: IndexName;
  /** Read capacity: of the people Query, and with the counters (organization names come from a cache). */
  consumedCapacity: { query: number; total: number };
  /** The people items as stored (the benchmark measures their size). */
  raw: Record<string, unknown>[];
}

export async function gridPage(
  electionId: string,
  q: { filter: GridFilter; descending: boolean; limit: number; cursor?: string },
): Promise<GridPageResult> {
  const f = q.filter;
  const counters = await readCounters(electionId, f);
  const statusSize = f.status ? (counters.election[f.status] ?? 0) : undefined;
  const choice = chooseIndex(electionId, f, {
    status: statusSize,
    organizationId: counters.organization ? sum(counters.organization) : undefined,
    country: counters.country ? sum(counters.country) : undefined,
  });
  const name = f.name ?? f.q;
  const page = await queryPage<Record<string, unknown>>({
    index: choice.index,
    partition: choice.partition,
    prefix: name ? namePrefix(name) : undefined,
    limit: q.limit,
    cursor: q.cursor,
    descending: q.descending,
    filter: filterExpression(f, choice.residual),
  });
  const people = page.items.map(personFromItem);
  const orgs = await organizationsById(people.map((p) => p.organizationId));
  const scope = counters.organization ?? counters.country;
  return {
    rows: people.map((p) => gridRowOf(p, orgs)),
    nextCursor: page.nextCursor,
    total: exactTotal(f, counters),
    counts: counters.election,
    scopeCounts: scope,
    index: choice.index,
    consumedCapacity: { query: page.consumedCapacity, total: page.consumedCapacity + counters.consumed },
    raw: page.items,
  };
}

/** The number of matches when the counters can tell it: only status/organization/country filters. */
function exactTotal(f: GridFilter, c: CounterRead): number | undefined {
  const other =
    f.citizenship ||
    f.flag ||
    f.channel ||
    f.missingDocuments !== undefined ||
    f.checked !== undefined ||
    f.name ||
    f.q;
  if (other) return undefined;
  if (f.organizationId && f.country) return undefined;
  const counts = c.organization ?? c.country ?? c.election;
  return f.status ? (counts[f.status] ?? 0) : sum(counts) - (counts.draft ?? 0);
}
