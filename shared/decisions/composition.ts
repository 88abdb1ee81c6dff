/**
 * Composing a resolution: the draft's header and its items. Composition is free (the draft is the
 * undo); what cannot be known to be wrong until adoption comes back as warnings, and adoption checks
 * everything again (3.3).
 */
import { getElection } from '#data/elections';
import { getPeople } from '#data/persons';
import { createResolution, getResolution, updateResolution } from '#data/resolutions/drafts';
import { putItems, removeItem } from '#data/resolutions/items';
import { lastAccreditationDay } from '#domain/calendar';
import { type FieldIssue, RuleViolationError, ValidationError } from '#domain/errors';
import { FLAGS, type FlagCode } from '#domain/eligibility';
import type { RefusalGround, RevocationReason } from '#domain/grounds';
import { compareDates } from '#domain/time';
import type { Actor } from '#schemas/audit';
import type { Election } from '#schemas/election';
import type {
  ItemWarning,
  Resolution,
  ResolutionInput,
  ResolutionItemInput,
  ResolutionKind,
  ResolutionPatch,
} from '#schemas/resolution';
import { allowedDecisions, planItem } from './rules';

/** 3.6: an accreditation resolution is dated inside the window; any resolution after the calling. */
export function dateIssues(e: Election, kind: ResolutionKind, adoptedOn: string): FieldIssue[] {
  if (compareDates(adoptedOn, e.calledOn) < 0) {
    return [{ field: 'adoptedOn', rule: `must not precede the calling of the election (${e.calledOn}) (3.6)` }];
  }
  const last = lastAccreditationDay(e);
  if (kind === 'accreditation' && compareDates(adoptedOn, last) > 0) {
    return [
      {
        field: 'adoptedOn',
        rule: `accreditation ends ${e.windowOffsetDays} days before voting day: the last day is ${last} (3.6)`,
      },
    ];
  }
  return [];
}

export async function createDraft(
  electionId: string,
  input: ResolutionInput,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  const election = await getElection(electionId);
  const issues = dateIssues(election, input.kind, input.adoptedOn);
  if (issues.length > 0) throw new ValidationError(issues);
  return createResolution(electionId, input, actor, now);
}

export async function editDraft(id: string, patch: ResolutionPatch, actor: Actor, now: Date): Promise<Resolution> {
  const r = await getResolution(id);
  const election = await getElection(r.electionId);
  return updateResolution(id, patch, actor, now, (next) => {
    const issues = dateIssues(election, next.kind, next.adoptedOn);
    if (issues.length > 0) throw new ValidationError(issues);
  });
}

/**
 * Adds or replaces items (bulk). Refused with 400 when an item cannot belong here at all (unknown
 * person, another election, a decision of the other kind); warned when it cannot be adopted as things
 * stand (not yet decidable, already decided, Art. 10 will force a refusal, flags to look at).
 */
export async function setItems(
  resolutionId: string,
  inputs: readonly ResolutionItemInput[],
  actor: Actor,
  now: Date,
): Promise<{ resolution: Resolution; warnings: ItemWarning[] }> {
  const r = await getResolution(resolutionId);
  if (r.status !== 'draft') {
    throw new RuleViolationError(
      `resolution ${r.number} is ${r.status}: only a draft can be changed (3.3)`,
      'RESOLUTION_NOT_DRAFT',
      '3.3',
    );
  }
  const allowed = allowedDecisions(r.kind);
  const issues: FieldIssue[] = [];
  inputs.forEach((item, i) => {
    if (!allowed.includes(item.decision)) {
      issues.push({
        field: `items.${i}.decision`,
        rule: `must be ${allowed.join(' or ')} in a${r.kind === 'accreditation' ? 'n accreditation' : ' revocation'} resolution (${r.kind === 'accreditation' ? '3.3, 3.4' : '4.7'})`,
      });
    }
  });
  const people = new Map((await getPeople(inputs.map((i) => i.personId))).map((p) => [p.id, p]));
  inputs.forEach((item, i) => {
    const p = people.get(item.personId);
    if (!p) issues.push({ field: `items.${i}.personId`, rule: 'no such representative' });
    else if (p.electionId !== r.electionId) {
      issues.push({ field: `items.${i}.personId`, rule: 'belongs to another election than the resolution' });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);

  const warnings: ItemWarning[] = [];
  inputs.forEach((item, i) => {
    const person = people.get(item.personId);
    const planned = planItem(
      r.kind,
      r.electionId,
      {
        personId: item.personId,
        decision: item.decision,
        ground: item.decision === 'refuse' ? (item.ground as RefusalGround) : null,
        revocationReason: item.decision === 'revoke' ? (item.revocationReason as RevocationReason) : null,
        gross: item.decision === 'revoke' ? item.gross : false,
        reason: item.reason ?? '',
      },
      person,
    );
    if (!planned.ok) {
      warnings.push({
        personId: item.personId,
        field: `items.${i}`,
        rule: `${planned.problem.rule}; adoption will refuse it as things stand`,
      });
      return;
    }
    if (planned.plan.forced) {
      warnings.push({
        personId: item.personId,
        field: `items.${i}.decision`,
        rule: 'a citizen of the Kyrgyz Republic: adoption will refuse on ground KG_CITIZEN whatever is selected (Art. 10)',
      });
    }
    if (item.decision === 'accredit' && person) {
      const advisory = person.flags.filter((f) => f !== 'KG_CITIZEN') as FlagCode[];
      if (advisory.length > 0) {
        warnings.push({
          personId: item.personId,
          field: `items.${i}`,
          rule: `flagged: ${advisory.map((f) => `${f} (${FLAGS[f].clause})`).join(', ')}; flags are advice, the CEC decides (3.9)`,
        });
      }
    }
    if (
      item.decision === 'refuse' &&
      item.ground === 'PREVIOUSLY_REVOKED' &&
      person &&
      !person.flags.includes('PREVIOUSLY_REVOKED_GROSS')
    ) {
      warnings.push({
        personId: item.personId,
        field: `items.${i}.ground`,
        rule: 'no earlier revocation for a gross violation is recorded for this passport (3.9, 4.7 a)',
      });
    }
  });
  await putItems(r, inputs, people, actor, now);
  return { resolution: await getResolution(resolutionId), warnings };
}

export { removeItem };
