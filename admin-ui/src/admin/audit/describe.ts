/**
 * An audit entry as a sentence in the reader's language: who did what to whom, with the names the
 * API resolved (subjectName, actorName) in place of ids, e.g. "reviewer@cec.gov.kg viewed TOROKULOV
 * Aibek's passport copy and photo". Where the API found no name (a record since removed, a mail whose
 * record is gone, a sign-in from an address), the name is taken from the entry itself (the removed
 * representative's name in its changes, a resolution's or certificate's number), or else the sentence
 * says what kind of thing it was ("a representative", "an organization"): never an id, never a
 * stand-in word. Actions the UI does not know yet still read as a sentence.
 */
import type { Lang } from '../../i18n/format';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Names = { ky: string; ru: string; en: string } | null | undefined;

export interface DescribableEntry {
  actor: { kind: string; id: string; label: string };
  action: string;
  entityType?: string;
  entityId?: string;
  changes?: Record<string, { from: unknown; to: unknown }> | null;
  detail?: unknown;
  subjectName?: Names;
  actorName?: Names;
}

/** System actors by their job id; any other job reads as "a scheduled job". */
const SYSTEM_ACTORS: Record<string, string> = {
  'job:seed': 'seed',
  'job:outbox-consumer': 'mail',
  'job:redrive-mail': 'mail',
  'job:upload-checker': 'checker',
  'job:flags': 'flags',
  'job:certificate-renderer': 'pdf',
  'job:resolution-documents': 'pdf',
};

export function actorLabel(e: DescribableEntry, t: Translate, lang: Lang): string {
  switch (e.actor.kind) {
    case 'staff':
      return e.actor.label;
    case 'organization':
      return e.actorName?.[lang] ?? t('cec.audit.actor.organization');
    case 'public':
      return t('cec.audit.actor.public');
    default: {
      const known = SYSTEM_ACTORS[e.actor.id];
      return t(`cec.audit.actor.${known ?? (e.actor.id.startsWith('job:') ? 'job' : 'system')}`);
    }
  }
}

const CREATED_TYPES = ['person', 'organization', 'election', 'resolution', 'application', 'invitation', 'proposal'];
const DOCUMENT_KINDS = ['passport', 'photo', 'letter'];
/** Mail templates written to an organization (its access code, its reminder); all others concern a representative. */
const ORGANIZATION_MAIL = ['access-code', 'reminder'];

const detailOf = (e: DescribableEntry) => (e.detail ?? {}) as Record<string, unknown>;

/** The document kinds an entry concerns: listed in its detail, named in its id, or changed on the person. */
function documentKinds(e: DescribableEntry): string[] {
  const detail = detailOf(e);
  if (Array.isArray(detail.documents)) return (detail.documents as unknown[]).map(String);
  if (e.entityType === 'document' && e.entityId) return [e.entityId.split(':')[1] ?? ''];
  const docs = e.changes?.documents;
  if (docs && typeof docs.to === 'object' && docs.to) {
    const before = (docs.from ?? {}) as Record<string, unknown>;
    const after = docs.to as Record<string, unknown>;
    return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  }
  return [];
}

function documentsOf(e: DescribableEntry, t: Translate): string {
  const names = documentKinds(e)
    .filter((k) => DOCUMENT_KINDS.includes(k))
    .map((k) => t(`cec.audit.document.${k}`));
  return names.length > 0 ? names.join(t('cec.audit.and')) : t('cec.audit.document.any');
}

/** The kind of thing an entry is about, for the sentence that has no name to give. */
export function subjectKind(e: DescribableEntry): string {
  const type = e.entityType ?? 'person';
  switch (type) {
    case 'person':
    case 'election':
    case 'resolution':
    case 'organization':
      return type;
    case 'document':
      return e.entityId?.endsWith(':letter') ? 'organization' : 'person';
    case 'application':
    case 'invitation':
    case 'proposal':
      return 'organization';
    case 'outbox':
      return ORGANIZATION_MAIL.includes(String(detailOf(e).template)) ? 'organization' : 'person';
    case 'certificate':
      return 'certificate';
    case 'sign-in-source':
      return 'source';
    default:
      return 'record';
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** A name the entry itself carries: a removed person's name in its changes, a resolution's number. */
function nameInEntry(e: DescribableEntry): string | null {
  const type = e.entityType ?? 'person';
  if (type === 'person') {
    const c = e.changes ?? {};
    const family = text(c.familyNameLatin?.from) || text(c.familyNameLatin?.to);
    const given = text(c.givenNamesLatin?.from) || text(c.givenNamesLatin?.to);
    return family ? `${family.toUpperCase()} ${given}`.trim() : null;
  }
  if (type === 'resolution') {
    const n = detailOf(e).number ?? e.changes?.number?.to ?? e.changes?.number?.from;
    return n ? `№${n}` : null;
  }
  return null;
}

/** Who or what the entry is about, in the reader's language. */
export function subjectOf(e: DescribableEntry, t: Translate, lang: Lang): string {
  const resolved = e.subjectName?.[lang];
  // A certificate the API could name only by its number is the certificate of an observer (3.4).
  if (e.entityType === 'certificate' && (!resolved || resolved.startsWith('№'))) {
    const number = resolved?.slice(1) || (e.entityId?.split('#')[1] ?? '');
    return t('cec.audit.someone.certificate', { number });
  }
  if (resolved) return resolved;
  return nameInEntry(e) ?? t(`cec.audit.someone.${subjectKind(e)}`);
}

/** The action's message key: document checks written on the person read as those on the document. */
function actionKey(action: string): string {
  if (action === 'document-rejected') return 'rejected';
  if (action.startsWith('document-')) return 'received';
  return action;
}

export function describeAudit(e: DescribableEntry, t: Translate, lang: Lang): string {
  const detail = detailOf(e);
  const vars = {
    who: actorLabel(e, t, lang),
    subject: subjectOf(e, t, lang),
    documents: documentsOf(e, t),
    template: t(`cec.audit.template.${String(detail.template ?? 'other')}`, {
      _: t('cec.audit.template.other'),
    }),
    number: detail.number ?? '',
    count: detail.count ?? detail.certificates ?? '',
  };
  const type = e.entityType ?? 'person';
  if (e.action === 'create') {
    return t(`cec.audit.created.${CREATED_TYPES.includes(type) ? type : 'other'}`, vars);
  }
  // Transitions are written by event name (lifecycle.ts) or by action name; both read the same.
  const sentence =
    t(`cec.audit.action.${actionKey(e.action)}`, { ...vars, _: '' }) || t('cec.audit.action.other', vars);
  // A file received in a slot it does not seem to belong to says so (3.1, shared/uploads/inspect.ts).
  const looksLike = String(detail.looksLike ?? '');
  return DOCUMENT_KINDS.includes(looksLike) ? `${sentence} ${t(`cec.audit.looks_like.${looksLike}`)}` : sentence;
}
