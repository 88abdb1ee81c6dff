/**
 * Resolutions of the CEC (3.3) and their items, one item per person. A draft is freely editable: that
 * is the undo. Every change of the items bumps `itemsRevision`, and adoption starts only on the revision
 * it validated, so what is adopted is exactly what was checked (see shared/decisions/adoption.ts).
 */
import { BatchGetCommand, GetCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConcurrencyError, NotFoundError, RuleViolationError } from '#domain/errors';
import type { RefusalGround, RevocationReason } from '#domain/grounds';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';
import type {
  AdoptionOutcome,
  AdoptionProgress,
  ItemDecision,
  Resolution,
  ResolutionInput,
  ResolutionItem,
  ResolutionItemInput,
  ResolutionPatch,
  ResolutionStatus,
  StoredResolutionItem,
} from '#schemas/resolution';
import { ddb } from '#runtime/clients';
import { config } from '#runtime/config';
import { auditPut, diff } from './audit';
import { indexKeys, indexPartitions, keys } from './keys';
import { type Page, queryAll, queryPage } from './paging';
import { getPeople } from './persons';
import { ConditionFailedError, type TransactItem, transact } from './transact';

export const RESOLUTION_ENTITY = 'resolution';
export const RESOLUTION_ITEM_ENTITY = 'resolution-item';
const ITEM_PREFIX = 'ITEM#';

const NON_FIELDS = /^(pk|sk|gsi\d(pk|sk)|entity|schemaVersion)$/;
const strip = <T>(item: Record<string, unknown>): T =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !NON_FIELDS.test(k))) as T;

/** Numbers are compared without case and spacing differences: `123/4` and ` 123/4 ` are one number. */
export function normaliseNumber(n: string): string {
  return n.trim().replace(/\s+/g, ' ').toUpperCase();
}

export function resolutionRecord(r: Resolution): Record<string, unknown> {
  return { ...keys.resolution(r.id), ...indexKeys.resolution(r), entity: RESOLUTION_ENTITY, schemaVersion: 1, ...r };
}

export function resolutionItemRecord(i: StoredResolutionItem): Record<string, unknown> {
  return {
    ...keys.resolutionItem(i.resolutionId, i.personId),
    ...indexKeys.resolutionItem(i),
    entity: RESOLUTION_ITEM_ENTITY,
    schemaVersion: 1,
    ...i,
  };
}

export const resolutionFromItem = (item: Record<string, unknown>) => strip<Resolution>(item);
export const resolutionItemFromItem = (item: Record<string, unknown>) => strip<StoredResolutionItem>(item);

/** The decision this resolution wrote on the person, if it has been applied to them. */
export function appliedDecision(p: Pick<Person, 'decisions'> | undefined, resolutionId: string) {
  return p?.decisions.find((d) => d.resolutionId === resolutionId);
}

/** The item as shown: its applied state read from the person (see the schema). */
export function itemView(i: StoredResolutionItem, person: Person | undefined): ResolutionItem {
  const d = appliedDecision(person, i.resolutionId);
  const ground = (d?.ground ?? null) as RefusalGround | null;
  return {
    ...i,
    state: d ? 'applied' : 'pending',
    outcome: d?.outcome ?? null,
    appliedGround: ground,
    forced: !!d && ground === 'KG_CITIZEN' && !(i.decision === 'refuse' && i.ground === 'KG_CITIZEN'),
    certificateNumber: d?.outcome === 'accredited' ? (person?.certificateNumber ?? null) : null,
    personStatus: person?.status ?? null,
  };
}

const table = () => config().tableName;

export async function findResolution(id: string): Promise<Resolution | undefined> {
  const out = await ddb.send(new GetCommand({ TableName: table(), Key: keys.resolution(id), ConsistentRead: true }));
  return out.Item ? resolutionFromItem(out.Item) : undefined;
}

export async function getResolution(id: string): Promise<Resolution> {
  const r = await findResolution(id);
  if (!r) throw new NotFoundError('resolution', id);
  return r;
}

function numberGuardPut(electionId: string, number: string, resolutionId: string): TransactItem {
  return {
    Put: {
      TableName: table(),
      Item: {
        ...keys.resolutionNumberGuard(electionId, normaliseNumber(number)),
        entity: 'resolution-number',
        resolutionId,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

function numberGuardDelete(electionId: string, number: string, resolutionId: string): TransactItem {
  return {
    Delete: {
      TableName: table(),
      Key: keys.resolutionNumberGuard(electionId, normaliseNumber(number)),
      ConditionExpression: 'resolutionId = :id',
      ExpressionAttributeValues: { ':id': resolutionId },
    },
  };
}

const numberTaken = (number: string) =>
  new RuleViolationError(
    `a resolution numbered ${number} already exists in this election; numbers are unique per election (3.3)`,
    'RESOLUTION_NUMBER_TAKEN',
    '3.3',
  );

export async function createResolution(
  electionId: string,
  input: ResolutionInput,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  const at = now.toISOString();
  const r: Resolution = {
    id: ulid(now.getTime()),
    electionId,
    number: input.number.trim(),
    adoptedOn: input.adoptedOn,
    title: input.title ?? null,
    kind: input.kind,
    status: 'draft',
    itemCount: 0,
    counts: { accredit: 0, refuse: 0, revoke: 0 },
    itemsRevision: 0,
    adoption: null,
    outcome: null,
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  try {
    await transact([
      { Put: { TableName: table(), Item: resolutionRecord(r), ConditionExpression: 'attribute_not_exists(pk)' } },
      numberGuardPut(electionId, r.number, r.id),
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'create',
        clause: r.kind === 'revocation' ? '4.7' : '3.3',
        changes: diff(null, r),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError && err.failedIndexes.includes(1)) throw numberTaken(r.number);
    throw err;
  }
  return r;
}

export async function listResolutions(
  electionId: string,
  opts: { limit: number; cursor?: string; status?: ResolutionStatus; kind?: Resolution['kind'] },
): Promise<Page<Resolution>> {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (opts.status) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = opts.status;
  }
  if (opts.kind) {
    conditions.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = opts.kind;
  }
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.resolutionsOfElection(electionId),
    limit: opts.limit,
    cursor: opts.cursor,
    descending: true,
    filter: conditions.length ? { expression: conditions.join(' AND '), names, values } : undefined,
  });
  return { ...page, items: page.items.map(resolutionFromItem) };
}

function mustBeDraft(r: Resolution): void {
  if (r.status !== 'draft') {
    throw new RuleViolationError(
      `resolution ${r.number} is ${r.status}: only a draft can be changed (3.3)`,
      'RESOLUTION_NOT_DRAFT',
      '3.3',
    );
  }
}

/** Number, date and title of a draft, with the version read; a new number takes the new guard. */
export async function updateResolution(
  id: string,
  patch: ResolutionPatch,
  actor: Actor,
  now: Date,
  check?: (next: Resolution) => void,
): Promise<Resolution> {
  const current = await getResolution(id);
  mustBeDraft(current);
  if (current.version !== patch.version) throw new ConcurrencyError();
  const next: Resolution = {
    ...current,
    number: patch.number?.trim() ?? current.number,
    adoptedOn: patch.adoptedOn ?? current.adoptedOn,
    title: patch.title === undefined ? current.title : patch.title,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  check?.(next);
  const renumbered = normaliseNumber(next.number) !== normaliseNumber(current.number);
  const actions: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: resolutionRecord(next),
        ConditionExpression: '#v = :v AND #status = :draft',
        ExpressionAttributeNames: { '#v': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':v': current.version, ':draft': 'draft' },
      },
    },
    auditPut({
      at: now,
      actor,
      entityType: 'resolution',
      entityId: id,
      action: 'update',
      clause: '3.3',
      changes: diff(current, next),
    }),
  ];
  if (renumbered) {
    actions.push(numberGuardPut(current.electionId, next.number, id));
    actions.push(numberGuardDelete(current.electionId, current.number, id));
  }
  try {
    await transact(actions);
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      if (err.failedIndexes.includes(2)) throw numberTaken(next.number);
      throw new ConcurrencyError();
    }
    throw err;
  }
  return next;
}

/** Throws away a draft: its number is free again; its items stay, for the record. */
export async function discardResolution(id: string, actor: Actor, now: Date): Promise<Resolution> {
  const current = await getResolution(id);
  mustBeDraft(current);
  const next: Resolution = {
    ...current,
    status: 'discarded',
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  try {
    await transact([
      {
        Put: {
          TableName: table(),
          Item: resolutionRecord(next),
          ConditionExpression: '#v = :v AND #status = :draft',
          ExpressionAttributeNames: { '#v': 'version', '#status': 'status' },
          ExpressionAttributeValues: { ':v': current.version, ':draft': 'draft' },
        },
      },
      numberGuardDelete(current.electionId, current.number, id),
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: id,
        action: 'discard',
        clause: '3.3',
        changes: diff(current, next),
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return next;
}

/** The stored item of `input` for `person`. */
export function newItem(
  resolutionId: string,
  input: ResolutionItemInput,
  person: Person,
  at: string,
): StoredResolutionItem {
  return {
    resolutionId,
    personId: person.id,
    electionId: person.electionId,
    organizationId: person.organizationId,
    familyNameLatin: person.familyNameLatin,
    givenNamesLatin: person.givenNamesLatin,
    citizenship: person.citizenship,
    decision: input.decision,
    ground: input.decision === 'refuse' ? (input.ground as RefusalGround) : null,
    revocationReason: input.decision === 'revoke' ? (input.revocationReason as RevocationReason) : null,
    gross: input.decision === 'revoke' ? input.gross : false,
    reason: input.reason ?? '',
    createdAt: at,
    updatedAt: at,
  };
}

/** Items of the resolution for these people, read consistently (100 keys per call). */
export async function getItems(
  resolutionId: string,
  personIds: readonly string[],
): Promise<Map<string, StoredResolutionItem>> {
  const found = new Map<string, StoredResolutionItem>();
  for (let i = 0; i < personIds.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = personIds
      .slice(i, i + 100)
      .map((pid) => ({ ...keys.resolutionItem(resolutionId, pid) }));
    for (let attempt = 0; request && request.length > 0; attempt++) {
      const out = await ddb.send(
        new BatchGetCommand({ RequestItems: { [table()]: { Keys: request, ConsistentRead: true } } }),
      );
      for (const raw of out.Responses?.[table()] ?? []) {
        const item = resolutionItemFromItem(raw);
        found.set(item.personId, item);
      }
      request = out.UnprocessedKeys?.[table()]?.Keys as Record<string, unknown>[] | undefined;
      if (request?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
  return found;
}

/** Items per transaction when composing: items + the resolution's update + one audit entry. */
const ITEMS_PER_WRITE = 98;

function countsDelta(
  added: readonly { decision: ItemDecision }[],
  removed: readonly { decision: ItemDecision }[],
): Record<ItemDecision, number> {
  const d: Record<ItemDecision, number> = { accredit: 0, refuse: 0, revoke: 0 };
  for (const a of added) d[a.decision]++;
  for (const r of removed) d[r.decision]--;
  return d;
}

function compositionUpdate(
  resolutionId: string,
  requiredStatus: ResolutionStatus,
  itemDelta: number,
  counts: Record<ItemDecision, number>,
  now: Date,
  extra: { totalDelta?: number } = {},
): TransactItem {
  const sets = [
    '#ic = #ic + :n',
    '#rev = #rev + :one',
    '#ua = :at',
    '#c.#acc = #c.#acc + :a',
    '#c.#ref = #c.#ref + :r',
    '#c.#rvk = #c.#rvk + :v',
  ];
  // Dropping an item from an adoption also fences any run still holding the lease: its next chunk
  // fails on the attempt, so no chunk can apply the person whose item is gone.
  if (extra.totalDelta) sets.push('#ad.#total = #ad.#total + :t', '#ad.#att = #ad.#att + :one');
  const update: UpdateCommandInput = {
    TableName: table(),
    Key: keys.resolution(resolutionId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: '#status = :status',
    ExpressionAttributeNames: {
      '#status': 'status',
      '#ic': 'itemCount',
      '#rev': 'itemsRevision',
      '#ua': 'updatedAt',
      '#c': 'counts',
      '#acc': 'accredit',
      '#ref': 'refuse',
      '#rvk': 'revoke',
      ...(extra.totalDelta ? { '#ad': 'adoption', '#total': 'total', '#att': 'attempt' } : {}),
    },
    ExpressionAttributeValues: {
      ':n': itemDelta,
      ':one': 1,
      ':at': now.toISOString(),
      ':a': counts.accredit,
      ':r': counts.refuse,
      ':v': counts.revoke,
      ':status': requiredStatus,
      ...(extra.totalDelta ? { ':t': extra.totalDelta } : {}),
    },
  };
  return { Update: update as NonNullable<TransactItem['Update']> };
}

/**
 * Adds or replaces items of a draft (bulk: up to 2,000 in one call). Written in transactions of up to
 * 98 items, each with the resolution's counts and one audit entry; every item Put is conditional on
 * what was read (new, or the decision it replaces), so the counts stay exact under concurrent edits.
 * A call that fails part-way leaves a consistent draft, and repeating it is harmless (replace semantics).
 */
export async function putItems(
  r: Resolution,
  inputs: readonly ResolutionItemInput[],
  people: ReadonlyMap<string, Person>,
  actor: Actor,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < inputs.length; i += ITEMS_PER_WRITE) {
    const slice = inputs.slice(i, i + ITEMS_PER_WRITE);
    for (let attempt = 1; ; attempt++) {
      const existing = await getItems(
        r.id,
        slice.map((s) => s.personId),
      );
      const items = slice.map((input) => {
        const person = people.get(input.personId);
        if (!person) throw new NotFoundError('representative', input.personId);
        const before = existing.get(input.personId);
        const item = newItem(r.id, input, person, before?.createdAt ?? at);
        return { item: { ...item, updatedAt: at }, before };
      });
      const replaced = items.flatMap((x) => (x.before ? [x.before] : []));
      const actions: TransactItem[] = items.map(({ item, before }) => ({
        Put: {
          TableName: table(),
          Item: resolutionItemRecord(item),
          ...(before
            ? {
                ConditionExpression: '#d = :d',
                ExpressionAttributeNames: { '#d': 'decision' },
                ExpressionAttributeValues: { ':d': before.decision },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      }));
      actions.push(
        compositionUpdate(
          r.id,
          'draft',
          items.length - replaced.length,
          countsDelta(
            items.map((x) => x.item),
            replaced,
          ),
          now,
        ),
      );
      actions.push(
        auditPut({
          at: now,
          actor,
          entityType: 'resolution',
          entityId: r.id,
          action: 'set-items',
          clause: r.kind === 'revocation' ? '4.7' : '3.3',
          detail: {
            items: items.map(({ item, before }) => ({
              personId: item.personId,
              decision: item.decision,
              ground: item.ground,
              revocationReason: item.revocationReason,
              gross: item.gross,
              replaced: before ? before.decision : null,
            })),
          },
        }),
      );
      try {
        await transact(actions);
        break;
      } catch (err) {
        if (!(err instanceof ConditionFailedError)) throw err;
        if (err.failedIndexes.includes(items.length)) {
          const now2 = await getResolution(r.id);
          mustBeDraft(now2);
        }
        // Someone changed the same items meanwhile: read them again and retry once or twice.
        if (attempt >= 3) throw new ConcurrencyError('the items were changed by someone else meanwhile; try again');
      }
    }
  }
}

/**
 * Removes one person's item. From a draft: freely (the undo). From a resolution whose adoption stopped
 * part-way: only a pending item (its person does not carry this resolution's decision), so that the
 * adoption can finish without a person who can no longer be decided; the adoption's total shrinks with
 * it. The delete is conditional on the person being as read, so it cannot cross a running chunk.
 */
export async function removeItem(
  resolutionId: string,
  personId: string,
  actor: Actor,
  now: Date,
  opts: { allowDuringAdoption: boolean },
): Promise<Resolution> {
  const r = await getResolution(resolutionId);
  const during = r.status === 'adopting';
  if (!(r.status === 'draft' || (during && opts.allowDuringAdoption))) {
    if (during) {
      throw new RuleViolationError(
        `resolution ${r.number} is being adopted: only a cec-admin may drop a pending item from it`,
        'RESOLUTION_NOT_DRAFT',
        '3.3',
      );
    }
    mustBeDraft(r);
  }
  const item = (await getItems(resolutionId, [personId])).get(personId);
  if (!item) throw new NotFoundError('resolution item', personId);
  const actions: TransactItem[] = [
    {
      Delete: {
        TableName: table(),
        Key: keys.resolutionItem(resolutionId, personId),
        ConditionExpression: '#d = :d',
        ExpressionAttributeNames: { '#d': 'decision' },
        ExpressionAttributeValues: { ':d': item.decision },
      },
    },
    compositionUpdate(resolutionId, r.status, -1, countsDelta([], [item]), now, during ? { totalDelta: -1 } : {}),
    auditPut({
      at: now,
      actor,
      entityType: 'resolution',
      entityId: resolutionId,
      action: during ? 'drop-pending-item' : 'remove-item',
      clause: '3.3',
      detail: { personId, decision: item.decision, ground: item.ground, revocationReason: item.revocationReason },
    }),
  ];
  if (during) {
    const person = (await getPeople([personId]))[0];
    if (appliedDecision(person, resolutionId)) {
      throw new RuleViolationError(
        `the decision on ${personId} has been applied already and cannot be removed (3.3)`,
        'ITEM_APPLIED',
        '3.3',
      );
    }
    if (person) {
      actions.push({
        ConditionCheck: {
          TableName: table(),
          Key: keys.person(personId),
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': person.version },
        },
      });
    }
  }
  try {
    await transact(actions);
  } catch (err) {
    if (err instanceof ConditionFailedError) throw new ConcurrencyError();
    throw err;
  }
  return getResolution(resolutionId);
}

export async function listItems(
  resolutionId: string,
  opts: { limit: number; cursor?: string },
): Promise<Page<StoredResolutionItem>> {
  const page = await queryPage<Record<string, unknown>>({
    partition: keys.resolution(resolutionId).pk,
    prefix: ITEM_PREFIX,
    limit: opts.limit,
    cursor: opts.cursor,
  });
  return { ...page, items: page.items.map(resolutionItemFromItem) };
}

/** Items as shown, with what was applied read from their people (one BatchGet per 100). */
export async function itemViews(items: readonly StoredResolutionItem[]): Promise<ResolutionItem[]> {
  const people = new Map((await getPeople(items.map((i) => i.personId))).map((p) => [p.id, p]));
  return items.map((i) => itemView(i, people.get(i.personId)));
}

/** Every item of a resolution in person-id order (a bounded collection: at most a few thousand). */
export async function allItems(resolutionId: string): Promise<StoredResolutionItem[]> {
  const out: StoredResolutionItem[] = [];
  for await (const items of queryAll<Record<string, unknown>>(
    { partition: keys.resolution(resolutionId).pk, prefix: ITEM_PREFIX },
    1000,
  )) {
    out.push(...items.map(resolutionItemFromItem));
  }
  return out;
}

/** The resolutions a person appears in (drafts included), newest first. */
export async function itemsOfPerson(personId: string, limit = 20): Promise<StoredResolutionItem[]> {
  const page = await queryPage<Record<string, unknown>>({
    index: 'gsi1',
    partition: indexPartitions.resolutionsOfPerson(personId),
    limit,
    descending: true,
  });
  return page.items.map(resolutionItemFromItem);
}

/** Many resolutions by id (the person view names the resolutions it lists). */
export async function getResolutions(ids: readonly string[]): Promise<Map<string, Resolution>> {
  const out = new Map<string, Resolution>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const resp = await ddb.send(
      new BatchGetCommand({
        RequestItems: { [table()]: { Keys: unique.slice(i, i + 100).map((id) => ({ ...keys.resolution(id) })) } },
      }),
    );
    for (const raw of resp.Responses?.[table()] ?? []) {
      const r = resolutionFromItem(raw);
      out.set(r.id, r);
    }
  }
  return out;
}

/* ---- Adoption: the resolution-side actions of the engine (shared/decisions/adoption.ts) ---- */

const ADOPTION_NAMES = {
  '#status': 'status',
  '#ad': 'adoption',
  '#att': 'attempt',
  '#done': 'done',
  '#chunks': 'chunks',
  '#ua': 'updatedAt',
};

/**
 * draft → adopting: only on the items revision that was validated (nothing changed since), with the
 * first attempt's lease. Returns the resolution as it now is.
 */
export async function startAdoption(
  r: Resolution,
  total: number,
  electionVersion: number,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  const adoption: AdoptionProgress = {
    attempt: 1,
    startedAt: now.toISOString(),
    startedBy: actor,
    total,
    done: 0,
    chunks: 0,
    electionVersion,
    finishedAt: null,
  };
  const outcome: AdoptionOutcome = { accredited: 0, refused: 0, revoked: 0, forcedRefusals: 0 };
  try {
    await transact([
      {
        Update: {
          TableName: table(),
          Key: keys.resolution(r.id),
          UpdateExpression: 'SET #status = :adopting, #ad = :adoption, #oc = :outcome, #v = #v + :one, #ua = :at',
          ConditionExpression: '#status = :draft AND #rev = :rev',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#ad': 'adoption',
            '#oc': 'outcome',
            '#v': 'version',
            '#ua': 'updatedAt',
            '#rev': 'itemsRevision',
          },
          ExpressionAttributeValues: {
            ':adopting': 'adopting',
            ':draft': 'draft',
            ':adoption': adoption,
            ':outcome': outcome,
            ':one': 1,
            ':at': now.toISOString(),
            ':rev': r.itemsRevision,
          },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'adopt-start',
        clause: r.kind === 'revocation' ? '4.7' : '3.3, 3.6',
        detail: { number: r.number, adoptedOn: r.adoptedOn, items: total, electionVersion },
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      throw new ConcurrencyError('the resolution changed while it was being checked; adopt again');
    }
    throw err;
  }
  return { ...r, status: 'adopting', adoption, outcome, version: r.version + 1, updatedAt: now.toISOString() };
}

/**
 * Resuming an adoption that stopped part-way: the next attempt takes the lease (a run still going
 * on with an older attempt fails its next chunk), on the election version the window was checked on.
 */
export async function resumeAdoption(
  r: Resolution,
  electionVersion: number,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  const prev = r.adoption;
  if (!prev) throw new RuleViolationError('the resolution has no adoption to resume', 'NO_ADOPTION', '3.3');
  const attempt = prev.attempt + 1;
  try {
    await transact([
      {
        Update: {
          TableName: table(),
          Key: keys.resolution(r.id),
          UpdateExpression: 'SET #ad.#att = :next, #ad.#ev = :ev, #ua = :at',
          ConditionExpression: '#status = :adopting AND #ad.#att = :prev AND #rev = :rev',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#ad': 'adoption',
            '#att': 'attempt',
            '#ua': 'updatedAt',
            '#ev': 'electionVersion',
            '#rev': 'itemsRevision',
          },
          ExpressionAttributeValues: {
            ':next': attempt,
            ':prev': prev.attempt,
            ':ev': electionVersion,
            ':at': now.toISOString(),
            ':adopting': 'adopting',
            ':rev': r.itemsRevision,
          },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'adopt-resume',
        clause: '3.3',
        detail: { attempt, done: prev.done, total: prev.total },
      }),
    ]);
  } catch (err) {
    if (err instanceof ConditionFailedError) {
      throw new ConcurrencyError('another adoption run of this resolution started meanwhile; adopt again');
    }
    throw err;
  }
  return { ...r, adoption: { ...prev, attempt, electionVersion }, updatedAt: now.toISOString() };
}

/**
 * The resolution's progress after a chunk, conditional on the progress and attempt the run holds: a
 * chunk is counted exactly once, and a crash resumes where the last committed chunk left off. The last
 * chunk also marks the resolution adopted.
 */
export function adoptionProgressUpdate(
  resolutionId: string,
  held: { attempt: number; done: number },
  chunk: { applied: number; outcome: AdoptionOutcome; last: boolean; at: Date },
): TransactItem {
  const sets = [
    '#ad.#done = #ad.#done + :n',
    '#ad.#chunks = #ad.#chunks + :one',
    '#oc.#acc = #oc.#acc + :acc',
    '#oc.#ref = #oc.#ref + :ref',
    '#oc.#rvk = #oc.#rvk + :rvk',
    '#oc.#forced = #oc.#forced + :forced',
    '#ua = :at',
  ];
  const names: Record<string, string> = {
    ...ADOPTION_NAMES,
    '#oc': 'outcome',
    '#acc': 'accredited',
    '#ref': 'refused',
    '#rvk': 'revoked',
    '#forced': 'forcedRefusals',
  };
  const values: Record<string, unknown> = {
    ':n': chunk.applied,
    ':one': 1,
    ':acc': chunk.outcome.accredited,
    ':ref': chunk.outcome.refused,
    ':rvk': chunk.outcome.revoked,
    ':forced': chunk.outcome.forcedRefusals,
    ':at': chunk.at.toISOString(),
    ':adopting': 'adopting',
    ':done': held.done,
    ':attempt': held.attempt,
  };
  if (chunk.last) {
    sets.push('#status = :adopted', '#ad.#fin = :at', '#v = #v + :one');
    names['#fin'] = 'finishedAt';
    names['#v'] = 'version';
    values[':adopted'] = 'adopted';
  }
  return {
    Update: {
      TableName: table(),
      Key: keys.resolution(resolutionId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: '#status = :adopting AND #ad.#done = :done AND #ad.#att = :attempt',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * adopting → draft, when the first chunk could not be applied: nothing was changed, so the resolution
 * is a draft again (all or none). Only while no chunk has been committed; a no-op otherwise.
 */
export async function abandonAdoption(r: Resolution, attempt: number, actor: Actor, now: Date, why: string) {
  try {
    await transact([
      {
        Update: {
          TableName: table(),
          Key: keys.resolution(r.id),
          UpdateExpression: 'SET #status = :draft, #ad = :null, #oc = :null, #v = #v + :one, #ua = :at',
          ConditionExpression: '#status = :adopting AND #ad.#att = :attempt AND #ad.#done = :zero',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#ad': 'adoption',
            '#att': 'attempt',
            '#done': 'done',
            '#ua': 'updatedAt',
            '#oc': 'outcome',
            '#v': 'version',
          },
          ExpressionAttributeValues: {
            ':draft': 'draft',
            ':adopting': 'adopting',
            ':null': null,
            ':one': 1,
            ':zero': 0,
            ':attempt': attempt,
            ':at': now.toISOString(),
          },
        },
      },
      auditPut({
        at: now,
        actor,
        entityType: 'resolution',
        entityId: r.id,
        action: 'adopt-abandon',
        clause: '3.3',
        detail: { why },
      }),
    ]);
    return true;
  } catch (err) {
    if (err instanceof ConditionFailedError) return false;
    throw err;
  }
}
