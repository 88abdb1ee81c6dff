/**
 * The items of a resolution (3.3), one per person, and the composition counts kept on the resolution.
 * Every change of the items bumps `itemsRevision`, and adoption starts only on the revision it
 * validated, so what is adopted is exactly what was checked (see shared/decisions/adoption.ts).
 */
import { BatchGetCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditPut } from '#data/audit';
import { indexKeys, indexPartitions, keys } from '#data/keys';
import { type Page, queryAll, queryPage } from '#data/paging';
import { getPeople } from '#data/persons';
import { ConditionFailedError, type TransactItem, transact } from '#data/transact';
import { ConcurrencyError, NotFoundError, RuleViolationError } from '#domain/errors';
import type { RefusalGround, RevocationReason } from '#domain/grounds';
import type { Actor } from '#schemas/audit';
import type { Person } from '#schemas/person';
import type {
  ItemDecision,
  Resolution,
  ResolutionItem,
  ResolutionItemInput,
  ResolutionStatus,
  StoredResolutionItem,
} from '#schemas/resolution';
import { ddb } from '#runtime/clients';
import { getResolution, mustBeDraft, table, withoutKeys } from './drafts';

export const RESOLUTION_ITEM_ENTITY = 'resolution-item';
const ITEM_PREFIX = 'ITEM#';

export function resolutionItemRecord(i: StoredResolutionItem): Record<string, unknown> {
  return {
    ...keys.resolutionItem(i.resolutionId, i.personId),
    ...indexKeys.resolutionItem(i),
    entity: RESOLUTION_ITEM_ENTITY,
    schemaVersion: 1,
    ...i,
  };
}

export const resolutionItemFromItem = (item: Record<string, unknown>) => withoutKeys<StoredResolutionItem>(item);

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

/**
 * Every item of a resolution in person-id order (a bounded collection: at most a few thousand).
 * `onPage` is handed each page as it arrives, so that a caller can start reading its people meanwhile.
 */
export async function allItems(
  resolutionId: string,
  onPage?: (page: StoredResolutionItem[]) => void,
): Promise<StoredResolutionItem[]> {
  const out: StoredResolutionItem[] = [];
  for await (const items of queryAll<Record<string, unknown>>(
    { partition: keys.resolution(resolutionId).pk, prefix: ITEM_PREFIX },
    1000,
  )) {
    const page = items.map(resolutionItemFromItem);
    onPage?.(page);
    out.push(...page);
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
