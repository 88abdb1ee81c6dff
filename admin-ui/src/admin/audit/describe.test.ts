/**
 * Every line of the audit log and of a person's history names who or what it is about, in Kyrgyz,
 * Russian and English: the name the API resolved, a name the entry itself carries, or the kind of
 * thing it was; never an id and never a stand-in word.
 */
import { describe, expect, it } from 'vitest';
import { type Lang, LANGS, interpolate } from '../../i18n/format';
import { appMessages } from '../../i18n/messages';
import { type DescribableEntry, describeAudit } from './describe';

function translator(lang: Lang) {
  return (key: string, options?: Record<string, unknown>): string => {
    const found = key
      .split('.')
      .reduce<unknown>(
        (n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined),
        appMessages[lang],
      );
    if (typeof found !== 'string') return options && '_' in options ? String(options._) : key;
    return interpolate(found, options, lang);
  };
}

const say = (e: DescribableEntry, lang: Lang = 'en') => describeAudit(e, translator(lang), lang);
const staff = { kind: 'staff', id: 'sub-1', label: 'reviewer@cec.gov.kg' };
const mailer = { kind: 'system', id: 'job:outbox-consumer', label: 'outbox-consumer' };
const aibek = { ky: 'TOROKULOV Aibek', ru: 'TOROKULOV Aibek', en: 'TOROKULOV Aibek' };
const osce = { ky: 'ОБСЕ/БДИПЧ', ru: 'ОБСЕ/БДИПЧ', en: 'OSCE/ODIHR' };
const ULID = '01JSEED3000000000000000002';

/** Every action the API writes to the log (shared/, the `action` of each audit write), with its entity. */
const WRITTEN: DescribableEntry[] = [
  ...['create', 'update', 'review', 'flags', 'delete', 'view-documents', 'revocation-requested'].map((action) => ({
    actor: staff,
    action,
    entityType: 'person',
    entityId: ULID,
  })),
  ...['submit', 'withdraw', 'mfaForward', 'mfaReturn', 'accredit', 'refuse', 'lapse', 'revoke', 'expire'].map(
    (action) => ({ actor: staff, action, entityType: 'person', entityId: ULID }),
  ),
  { actor: mailer, action: 'document-received', entityType: 'person', entityId: ULID },
  { actor: mailer, action: 'document-rejected', entityType: 'person', entityId: ULID },
  ...['upload-requested', 'received', 'rejected'].map((action) => ({
    actor: staff,
    action,
    entityType: 'document',
    entityId: `${ULID}:passport`,
  })),
  ...['create', 'update', 'submit', 'mfa-forward', 'mfa-return', 'lock', 'remind', 'purge-documents'].map((action) => ({
    actor: staff,
    action,
    entityType: 'application',
    entityId: ULID,
  })),
  ...['create', 'issue', 'reissue-code', 'sign-in', 'access-code-rejected', 'access-code-lockout'].map((action) => ({
    actor: staff,
    action,
    entityType: 'invitation',
    entityId: ULID,
  })),
  {
    actor: { kind: 'public', id: '203.0.113.9', label: 'public' },
    action: 'access-code-lockout',
    entityType: 'sign-in-source',
    entityId: '203.0.113.9',
  },
  ...['create', 'invite', 'decline'].map((action) => ({
    actor: staff,
    action,
    entityType: 'proposal',
    entityId: ULID,
  })),
  ...['create', 'update'].map((action) => ({ actor: staff, action, entityType: 'organization', entityId: ULID })),
  ...['create', 'update', 'purge-documents', 'register-extract'].map((action) => ({
    actor: staff,
    action,
    entityType: 'election',
    entityId: ULID,
  })),
  ...[
    'create',
    'update',
    'discard',
    'set-items',
    'remove-item',
    'drop-pending-item',
    'adopt-start',
    'adopt-resume',
    'adopt-abandon',
    'adopt',
    'resolution-document-stored',
    'certificates-print-batch',
  ].map((action) => ({ actor: staff, action, entityType: 'resolution', entityId: ULID })),
  ...['email-sent', 'failed', 'retry', 'redrive', 'parked', 'certificate-rendered'].map((action) => ({
    actor: mailer,
    action,
    entityType: 'outbox',
    entityId: ULID,
    detail: { template: 'decision-accredited' },
  })),
  ...['render', 'download-link'].map((action) => ({
    actor: mailer,
    action,
    entityType: 'certificate',
    entityId: `${ULID}#0042`,
  })),
];

/** The words that stood in for a missing name (letters on both sides excluded: `\b` knows no Cyrillic). */
const STAND_INS = { ky: /(?<!\p{L})жазуу(?!\p{L})/u, ru: /(?<!\p{L})запись(?!\p{L})/u, en: /\ba record\b/ };

describe('audit lines in plain language', () => {
  it('knows every action the API writes, in all three languages, with no id, code or stand-in word', () => {
    for (const lang of LANGS) {
      for (const e of WRITTEN) {
        const line = say(e, lang);
        const what = `${lang} ${e.entityType} ${e.action}: ${line}`;
        expect(line, what).not.toContain(ULID);
        expect(line, what).not.toMatch(/%\{|cec\.audit|\b[A-Z_]{6,}\b/);
        expect(line, what).not.toMatch(STAND_INS[lang]);
        // Its own sentence, not the one for actions the UI does not know.
        if (e.action !== 'create') expect(line, what).not.toBe(say({ ...e, action: 'not-an-action' }, lang));
      }
    }
  });

  it('names the person or organization the API resolved', () => {
    expect(
      say({
        actor: staff,
        action: 'view-documents',
        entityType: 'person',
        detail: { documents: ['passport', 'photo'] },
        subjectName: aibek,
      }),
    ).toBe("reviewer@cec.gov.kg viewed TOROKULOV Aibek's passport copy and photo");
    expect(say({ actor: mailer, action: 'remind', entityType: 'application', subjectName: osce }, 'ky')).toBe(
      'ОБСЕ/БДИПЧ: мөөнөт тууралуу эскертме жөнөтүлдү',
    );
  });

  it("takes a removed representative's name from the entry, and a resolution's number", () => {
    const removed: DescribableEntry = {
      actor: { kind: 'organization', id: ULID, label: 'org' },
      actorName: osce,
      action: 'delete',
      entityType: 'person',
      entityId: ULID,
      changes: { familyNameLatin: { from: 'Smith', to: null }, givenNamesLatin: { from: 'Anna', to: null } },
    };
    expect(say(removed)).toBe('OSCE/ODIHR removed SMITH Anna from the application');
    expect(say(removed, 'ru')).toBe('ОБСЕ/БДИПЧ удалил(а) из заявки: SMITH Anna');
    expect(say({ actor: staff, action: 'adopt', entityType: 'resolution', detail: { number: '12/3' } }, 'ky')).toBe(
      'Токтом кабыл алынды: №12/3',
    );
  });

  it('says what kind of thing it was where nothing names it', () => {
    expect(
      say(
        { actor: mailer, action: 'certificate-rendered', entityType: 'outbox', detail: { template: 'certificate' } },
        'ky',
      ),
    ).toBe('Күбөлүк даярдалды: өкүл');
    expect(say({ actor: mailer, action: 'failed', entityType: 'outbox', detail: { template: 'access-code' } })).toBe(
      'Mail about an organization could not be sent: access code',
    );
    expect(
      say(
        {
          actor: mailer,
          action: 'render',
          entityType: 'certificate',
          entityId: `${ULID}#0042`,
          subjectName: { ky: '№0042', ru: '№0042', en: '№0042' },
        },
        'ru',
      ),
    ).toBe('Изготовлено удостоверение: наблюдатель (№0042)');
    expect(
      say({ actor: mailer, action: 'render', entityType: 'certificate', entityId: `${ULID}#0042`, subjectName: aibek }),
    ).toBe('The certificate of TOROKULOV Aibek was made');
  });

  it('reads a document check on the person by its outcome, and a file in the wrong slot says so', () => {
    const rejected: DescribableEntry = {
      actor: mailer,
      action: 'document-rejected',
      entityType: 'person',
      subjectName: aibek,
      changes: {
        documents: {
          from: { passport: 'received', photo: 'pending' },
          to: { passport: 'received', photo: 'rejected' },
        },
      },
    };
    expect(say(rejected)).toBe("TOROKULOV Aibek's photo did not pass the check and was refused");
    expect(
      say({
        actor: mailer,
        action: 'received',
        entityType: 'document',
        entityId: `${ULID}:passport`,
        subjectName: aibek,
        detail: { looksLike: 'photo' },
      }),
    ).toBe(
      "TOROKULOV Aibek's passport copy arrived and passed the check (the file looks like a photo, not a passport copy: the reviewer decides, 3.1)",
    );
  });
});
