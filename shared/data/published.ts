/**
 * The published list of accredited observers (3.3): the people of an election whose status is
 * accredited, revoked or expired, read from the per-status index (gsi1, name order) one status after
 * the other, with the organizations' names from a small cache. Only public fields leave this module.
 */
import { getElection } from './elections';
import type { Lang } from '#domain/grounds';
import { PUBLISHED_STATUSES, type PersonStatus } from '#domain/lifecycle';
import { ValidationError } from '#domain/errors';
import { countryName } from '#i18n/format';
import type { PublicObserver } from '#schemas/publication';
import { statusCounts } from './counters';
import { indexPartitions } from './keys';
import { getOrganizations } from './organizations';
import { queryPage } from './paging';

type PublishedStatus = PublicObserver['status'];

interface OrgName {
  original: string;
  ru?: string;
  en?: string;
}

/*
 * Organization names change rarely and are public; a container keeps them a few minutes so that a
 * page of 100 observers costs one BatchGetItem at most, usually none.
 */
const ORG_CACHE_MS = 5 * 60 * 1000;
const orgCache = new Map<string, { name: OrgName; at: number }>();

async function orgNames(ids: readonly string[]): Promise<Map<string, OrgName>> {
  const now = Date.now();
  const result = new Map<string, OrgName>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = orgCache.get(id);
    if (hit && now - hit.at < ORG_CACHE_MS) result.set(id, hit.name);
    else missing.push(id);
  }
  if (missing.length > 0) {
    for (const org of await getOrganizations(missing)) {
      const name: OrgName = { original: org.name.original, ru: org.name.ru, en: org.name.en };
      if (orgCache.size > 2000) orgCache.clear();
      orgCache.set(org.id, { name, at: now });
      result.set(org.id, name);
    }
  }
  return result;
}

function orgNameIn(name: OrgName | undefined, lang: Lang): string {
  if (!name) return '';
  return (lang === 'en' ? name.en : lang === 'ru' ? name.ru : undefined) ?? name.original;
}

/** The public projection of a person item: nothing else is ever read from it. */
function publicRow(item: Record<string, unknown>, orgs: Map<string, OrgName>, lang: Lang): PublicObserver {
  const orgId = String(item.organizationId);
  const org = orgs.get(orgId);
  const country = String(item.organizationCountry);
  return {
    name: {
      latin: `${item.familyNameLatin} ${item.givenNamesLatin}`,
      cyrillic: `${item.familyNameCyrillic} ${item.givenNamesCyrillic}`,
    },
    organization: {
      id: orgId,
      name: orgNameIn(org, lang),
      names: { original: org?.original ?? '', ...(org?.ru ? { ru: org.ru } : {}), ...(org?.en ? { en: org.en } : {}) },
    },
    country,
    countryName: countryName(country, lang),
    certificateNumber: typeof item.certificateNumber === 'string' ? item.certificateNumber : null,
    status: item.status as PublishedStatus,
  };
}

/*
 * The list's cursor: which status it is in and the index cursor within it, so one list runs over the
 * three status partitions in turn.
 */
interface ListCursor {
  s: number;
  c: string | null;
}

function encode(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decode(cursor: string | undefined, statuses: readonly PersonStatus[]): ListCursor {
  if (!cursor) return { s: 0, c: null };
  const invalid = () => new ValidationError([{ field: 'cursor', rule: 'must be a cursor returned by this list' }]);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const v = value as Partial<ListCursor> | null;
  if (
    !v ||
    typeof v !== 'object' ||
    !Number.isInteger(v.s) ||
    (v.s as number) < 0 ||
    (v.s as number) >= statuses.length ||
    !(v.c === null || typeof v.c === 'string')
  ) {
    throw invalid();
  }
  return { s: v.s as number, c: v.c };
}

export interface PublishedPage {
  data: PublicObserver[];
  nextCursor: string | null;
  total: number;
}

interface PageOptions {
  status?: PublishedStatus;
  lang: Lang;
  limit: number;
  cursor?: string;
}

/** One page of the published list with its total. Throws NotFoundError for an unknown election. */
export async function publishedPage(electionId: string, opts: PageOptions): Promise<PublishedPage> {
  const statuses: readonly PersonStatus[] = opts.status ? [opts.status] : PUBLISHED_STATUSES;
  const [, counts, page] = await Promise.all([
    getElection(electionId),
    statusCounts(electionId),
    rows(electionId, opts),
  ]);
  return { ...page, total: statuses.reduce((n, st) => n + Math.max(0, counts[st] ?? 0), 0) };
}

async function rows(electionId: string, opts: PageOptions): Promise<Omit<PublishedPage, 'total'>> {
  const statuses: readonly PersonStatus[] = opts.status ? [opts.status] : PUBLISHED_STATUSES;
  let { s, c } = decode(opts.cursor, statuses);
  const items: Record<string, unknown>[] = [];
  while (s < statuses.length && items.length < opts.limit) {
    const status = statuses[s] as PersonStatus;
    const page = await queryPage<Record<string, unknown>>({
      index: 'gsi1',
      partition: indexPartitions.peopleByStatus(electionId, status),
      limit: opts.limit - items.length,
      cursor: c ?? undefined,
    });
    items.push(...page.items);
    if (page.nextCursor) {
      c = page.nextCursor;
    } else {
      s += 1;
      c = null;
    }
  }
  const orgs = await orgNames(items.map((i) => String(i.organizationId)));
  return {
    data: items.map((i) => publicRow(i, orgs, opts.lang)),
    nextCursor: s < statuses.length ? encode({ s, c }) : null,
  };
}

/** Every published row, page by page (the CSV). */
export async function* allPublished(electionId: string, opts: { status?: PublishedStatus; lang: Lang }) {
  await getElection(electionId);
  let cursor: string | undefined;
  do {
    const page = await rows(electionId, { ...opts, limit: 500, cursor });
    yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const CSV_HEADINGS: Record<Lang, string[]> = {
  ky: ['Аты-жөнү (латын)', 'Аты-жөнү (кирилл)', 'Уюм', 'Өлкө', 'Өлкөнүн коду', 'Күбөлүктүн номери', 'Абалы'],
  ru: ['ФИО (латиница)', 'ФИО (кириллица)', 'Организация', 'Страна', 'Код страны', 'Номер удостоверения', 'Статус'],
  en: ['Name (Latin)', 'Name (Cyrillic)', 'Organization', 'Country', 'Country code', 'Certificate number', 'Status'],
};

export const STATUS_LABELS: Record<PublishedStatus, Record<Lang, string>> = {
  accredited: { ky: 'аккредитацияланган', ru: 'аккредитован', en: 'accredited' },
  revoked: { ky: 'аккредитациядан ажыратылган (4.7)', ru: 'аккредитация отозвана (4.7)', en: 'revoked (4.7)' },
  expired: { ky: 'ыйгарым укуктары бүткөн (3.7)', ru: 'полномочия истекли (3.7)', en: 'expired (3.7)' },
};

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled. A field
 * that a spreadsheet would take for a formula (= + - @ at the start) is prefixed with an apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(row: PublicObserver, lang: Lang): string {
  return [
    row.name.latin,
    row.name.cyrillic,
    row.organization.name,
    row.countryName,
    row.country,
    row.certificateNumber ?? '',
    STATUS_LABELS[row.status][lang],
  ]
    .map(csvField)
    .join(',');
}

/** The whole list as CSV: UTF-8 with a byte order mark (Excel reads Cyrillic right), CRLF line ends. */
export async function publishedCsv(
  electionId: string,
  opts: { status?: PublishedStatus; lang: Lang },
): Promise<string> {
  const lines = [CSV_HEADINGS[opts.lang].map(csvField).join(',')];
  for await (const rows of allPublished(electionId, opts)) {
    for (const row of rows) lines.push(csvRow(row, opts.lang));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
