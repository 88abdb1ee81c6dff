/**
 * An audit entry as a sentence in the reader's language: who did what to whom, with the names the
 * API resolved (subjectName, actorName) in place of ids, e.g. "reviewer@cec.gov.kg viewed TOROKULOV
 * Aibek's passport copy and photo". Actions the UI does not know yet still read as a sentence.
 */
import type { Lang } from '../../i18n/format';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Names = { ky: string; ru: string; en: string } | null | undefined;

export interface DescribableEntry {
  actor: { kind: string; id: string; label: string };
  action: string;
  entityType?: string;
  entityId?: string;
  detail?: unknown;
  subjectName?: Names;
  actorName?: Names;
}

/** System actors by their job id; any other job reads as "a scheduled job". */
const SYSTEM_ACTORS: Record<string, string> = {
  'job:seed': 'seed',
  'job:outbox-consumer': 'mail',
  'job:upload-checker': 'checker',
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

function documentsOf(e: DescribableEntry, t: Translate): string {
  const detail = (e.detail ?? {}) as { documents?: unknown };
  const kinds = Array.isArray(detail.documents)
    ? (detail.documents as string[])
    : e.entityType === 'document' && e.entityId
      ? [e.entityId.split(':')[1] ?? '']
      : [];
  const names = kinds.filter(Boolean).map((k) => t(`cec.audit.document.${k}`));
  return names.length > 0 ? names.join(t('cec.audit.and')) : t('cec.audit.document.any');
}

export function describeAudit(e: DescribableEntry, t: Translate, lang: Lang): string {
  const detail = (e.detail ?? {}) as Record<string, unknown>;
  const vars = {
    who: actorLabel(e, t, lang),
    subject: e.subjectName?.[lang] ?? t('cec.audit.unnamed'),
    documents: documentsOf(e, t),
    template: t(`cec.audit.template.${String(detail.template ?? 'other')}`, {
      _: t('cec.audit.template.other'),
    }),
  };
  const type = e.entityType ?? 'person';
  if (e.action === 'create') {
    return t(`cec.audit.created.${CREATED_TYPES.includes(type) ? type : 'other'}`, vars);
  }
  // Transitions are written by event name (lifecycle.ts) or by action name; both read the same.
  const action = e.action.startsWith('document-') ? 'received' : e.action;
  const sentence = t(`cec.audit.action.${action}`, { ...vars, _: '' });
  return sentence || t('cec.audit.action.other', vars);
}
