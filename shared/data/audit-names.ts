/**
 * Names for the audit log as people read it: what an entry is about (a representative's name, an
 * organization's, an election's, a resolution's number) and who did it when an organization did, in
 * place of the ids the log keeps. Resolved when the log is read, by batch reads of the few records a
 * page names; a record that is gone leaves its entry unnamed rather than failing the page.
 */
import type { AuditEntry } from '#schemas/audit';
import { getApplication } from './applications';
import { getElection } from './elections';
import { getInvitation } from './invitations';
import { getOrganizations } from './organizations';
import { findOutbox } from './outbox';
import { getPeople } from './persons';
import { getResolutions } from './resolutions';

/** A name in the three languages of the UI (the same text where a name has one form only). */
export interface NameInLanguages {
  ky: string;
  ru: string;
  en: string;
}

export type NamedAuditEntry = AuditEntry & {
  subjectName: NameInLanguages | null;
  actorName: NameInLanguages | null;
};

type AuditLike = Pick<AuditEntry, 'actor' | 'action'> & {
  entityType?: string;
  entityId?: string;
  detail?: unknown;
};

const same = (s: string): NameInLanguages => ({ ky: s, ru: s, en: s });

function orgName(n: { original: string; ru?: string | null; en?: string | null }): NameInLanguages {
  return { ky: n.original, ru: n.ru ?? n.original, en: n.en ?? n.original };
}

/** The record a mail is about, by its template: access codes go to invitations, reminders to applications. */
function mailSubject(template: string | undefined, id: string): { kind: string; id: string } {
  if (template === 'access-code') return { kind: 'invitation', id };
  if (template === 'reminder') return { kind: 'application', id };
  return { kind: 'person', id };
}

/**
 * What an entry is about, as a reference to a record of a kind, or nothing to name. `outbox` is the
 * outbox item a mail entry was written for, where the entry itself does not say whom the mail concerns.
 */
export function subjectOf(
  e: AuditLike,
  outbox?: { template: string; entityId?: string },
): { kind: string; id: string } | null {
  const type = e.entityType ?? 'person';
  const id = e.entityId ?? '';
  if (type === 'document') {
    // `<owner>:<kind>`: a representative's passport or photo, or an application's letter.
    const owner = id.split(':')[0] ?? '';
    return { kind: id.endsWith(':letter') ? 'application' : 'person', id: owner };
  }
  if (type === 'outbox') {
    const detail = (e.detail ?? {}) as { template?: string; subjectEntityId?: string };
    if (detail.subjectEntityId) return mailSubject(detail.template, detail.subjectEntityId);
    return outbox?.entityId ? mailSubject(outbox.template, outbox.entityId) : null;
  }
  if (type === 'certificate') {
    // A certificate is its holder's: named by the person where the entry says who (3.4).
    const personId = ((e.detail ?? {}) as { personId?: string }).personId;
    return personId ? { kind: 'person', id: personId } : { kind: 'certificate', id: id.split('#')[1] ?? id };
  }
  if (type === 'sign-in-source') return null;
  return { kind: type, id };
}

async function settled<T>(ids: Iterable<string>, get: (id: string) => Promise<T>): Promise<Map<string, T>> {
  const list = [...new Set(ids)];
  const out = await Promise.allSettled(list.map(get));
  const map = new Map<string, T>();
  out.forEach((r, i) => {
    if (r.status === 'fulfilled') map.set(list[i]!, r.value);
  });
  return map;
}

/** Adds the names of subjects and organization actors to a page of entries. */
export async function withNames<E extends AuditLike>(
  entries: readonly E[],
): Promise<(E & { subjectName: NameInLanguages | null; actorName: NameInLanguages | null })[]> {
  // Mail entries that do not say whom the mail concerns are named through their outbox item.
  const unnamedMail = entries.filter((e) => e.entityType === 'outbox' && !subjectOf(e) && e.entityId);
  const mails = await settled(
    unnamedMail.map((e) => e.entityId!),
    (id) => findOutbox(id),
  );
  const subjects = entries.map((e) =>
    subjectOf(e, e.entityType === 'outbox' ? mails.get(e.entityId ?? '') : undefined),
  );
  // Batch reads refuse a key twice: each id once.
  const ids = (kind: string) => [...new Set(subjects.filter((s) => s?.kind === kind).map((s) => s!.id))];
  const [invitations, applications, elections, resolutions, people] = await Promise.all([
    settled(ids('invitation'), getInvitation),
    settled(ids('application'), getApplication),
    settled(ids('election'), getElection),
    ids('resolution').length ? getResolutions(ids('resolution')) : new Map(),
    ids('person').length ? getPeople(ids('person')) : [],
  ]);
  const orgIds = [
    ...ids('organization'),
    ...entries.filter((e) => e.actor.kind === 'organization').map((e) => e.actor.id),
    ...[...invitations.values()].map((i) => i.organizationId),
    ...[...applications.values()].map((a) => a.organizationId),
  ];
  const orgs = new Map((orgIds.length ? await getOrganizations(orgIds) : []).map((o) => [o.id, o]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const nameOf = (s: { kind: string; id: string } | null): NameInLanguages | null => {
    if (!s) return null;
    switch (s.kind) {
      case 'person': {
        const p = personById.get(s.id);
        return p ? same(`${p.familyNameLatin.toUpperCase()} ${p.givenNamesLatin}`) : null;
      }
      case 'organization': {
        const o = orgs.get(s.id);
        return o ? orgName(o.name) : null;
      }
      case 'invitation': {
        const o = orgs.get(invitations.get(s.id)?.organizationId ?? '');
        return o ? orgName(o.name) : null;
      }
      case 'application': {
        const o = orgs.get(applications.get(s.id)?.organizationId ?? '');
        return o ? orgName(o.name) : null;
      }
      case 'election': {
        const e = elections.get(s.id);
        return e ? { ky: e.name.ky, ru: e.name.ru, en: e.name.en } : null;
      }
      case 'resolution': {
        const r = resolutions.get(s.id);
        return r ? same(`№${r.number}`) : null;
      }
      case 'certificate':
        return same(`№${s.id}`);
      default:
        return null;
    }
  };
  return entries.map((e, i) => {
    const org = e.actor.kind === 'organization' ? orgs.get(e.actor.id) : undefined;
    return { ...e, subjectName: nameOf(subjects[i]!), actorName: org ? orgName(org.name) : null };
  });
}
