/**
 * The triage grid's columns. Cells render plain elements (no MUI per cell): a flag is a small chip
 * whose `data-tip` carries its full explanation and clause, shown by the grid's one shared tooltip.
 * Names and organizations wrap onto the lines a row has and end in "…" when longer still; their
 * `data-full` text is then shown whole by the same tooltip, on hover and on the keyboard's active cell.
 * The default widths fit a 1366 px screen in Kyrgyz, Russian and English (test/e2e/reviewer.test.ts).
 */
import { type KeyboardEvent, useState } from 'react';
import { FLAGS, type FlagCode } from '#domain/eligibility';
import { REFUSAL_GROUNDS, type RefusalGround } from '#domain/grounds';
import type { GridRow } from '#schemas/triage';
import { countryName } from '../../i18n/countries';
import { type Lang, formatDate } from '../../i18n/format';
import type { GridColumn } from './virtual-grid';

/** A grid row as the API lists it (shared/schemas/triage.ts), with a thumbnail link where one is given. */
export type PersonRow = GridRow & {
  photoUrl?: string | null;
  mfaStatus?: 'not_required' | 'pending' | 'forwarded' | 'returned';
};

export interface DraftMark {
  outcome: 'accredit' | 'refuse';
  ground?: string | null;
}

export interface ColumnContext {
  t: (key: string, options?: Record<string, unknown>) => string;
  lang: Lang;
  orgName: (id: string) => string | undefined;
  draft: ReadonlyMap<string, DraftMark>;
  saveNote: (row: PersonRow, note: string) => void;
}

export function flagTip(code: string, lang: Lang): string {
  const f = FLAGS[code as FlagCode];
  return f ? `${f.label[lang]} (${f.clause})` : code;
}

export function fullNameLatin(p: Pick<GridRow, 'familyNameLatin' | 'givenNamesLatin'>): string {
  return `${p.familyNameLatin.toUpperCase()} ${p.givenNamesLatin}`;
}

export function fullNameCyrillic(p: Pick<GridRow, 'familyNameCyrillic' | 'givenNamesCyrillic'>): string {
  return `${p.familyNameCyrillic} ${p.givenNamesCyrillic}`;
}

/** 3.2: the MFA's part, derived from channel and status where the list does not carry it. */
export function mfaStatusOf(p: PersonRow): NonNullable<PersonRow['mfaStatus']> {
  if (p.mfaStatus) return p.mfaStatus;
  if (p.channel !== 'mfa') return 'not_required';
  if (p.status === 'returned') return 'returned';
  if (p.status === 'draft' || p.status === 'submitted') return 'pending';
  return 'forwarded';
}

function NoteEditor({
  row,
  done,
  save,
}: {
  row: PersonRow;
  done: (v: string | undefined) => void;
  save: (row: PersonRow, note: string) => void;
}) {
  const [value, setValue] = useState(row.reviewerNote ?? '');
  const finish = (commit: boolean) => {
    if (commit && value !== (row.reviewerNote ?? '')) save(row, value);
    done(commit ? value : undefined);
  };
  return (
    <input
      className="vg-note-input"
      // biome-ignore lint/a11y/noAutofocus: the editor opens on the user's key press and takes the keys
      autoFocus
      value={value}
      maxLength={4000}
      aria-label="note"
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') finish(false);
      }}
    />
  );
}

function docMark(state: string | undefined): { cls: string; sym: string } {
  if (state === 'received') return { cls: 'vg-doc-ok', sym: '✔' };
  if (state === 'rejected') return { cls: 'vg-doc-bad', sym: '✖' };
  if (state === 'purged') return { cls: 'vg-doc-wait', sym: '∅' };
  return { cls: 'vg-doc-wait', sym: '…' };
}

/**
 * Text shown as written (names), on as many lines as the row has: when longer, it ends in "…" and
 * the grid's tooltip shows it whole (`data-full`, read only when the text is cut).
 */
function Clamped({ text }: { text: string }) {
  return (
    <span className="vg-clamp" translate="no" data-full={text}>
      {text}
    </span>
  );
}

export function triageColumns(ctx: ColumnContext): GridColumn<PersonRow>[] {
  const { lang } = ctx;
  // The few labels the cells use, looked up once per key (the columns are made again for another
  // language): a row coming into view while scrolling does not go through the translator again.
  const labels = new Map<string, string>();
  const t = (key: string): string => {
    let label = labels.get(key);
    if (label === undefined) {
      label = ctx.t(key);
      labels.set(key, label);
    }
    return label;
  };
  return [
    {
      id: 'photo',
      header: '',
      headerTitle: t('cec.documents.photo'),
      width: 40,
      hiddenByDefault: true,
      align: 'center',
      render: (p) =>
        p.photoUrl ? (
          <img className="vg-thumb" src={p.photoUrl} alt="" loading="lazy" />
        ) : (
          <span
            className={`vg-thumb ${docMark(p.documents.photo).cls}`}
            title={t(`cec.documents.${p.documents.photo ?? 'pending'}`)}
          >
            {(p.familyNameLatin[0] ?? '') + (p.givenNamesLatin[0] ?? '')}
          </span>
        ),
    },
    {
      id: 'nameLatin',
      header: t('cec.grid.col.name_latin'),
      width: 136,
      wrap: true,
      sortField: 'name',
      render: (p) => <Clamped text={fullNameLatin(p)} />,
      text: fullNameLatin,
    },
    {
      id: 'nameCyrillic',
      header: t('cec.grid.col.name_cyrillic'),
      width: 124,
      wrap: true,
      render: (p) => <Clamped text={fullNameCyrillic(p)} />,
      text: fullNameCyrillic,
    },
    {
      id: 'organization',
      header: t('cec.grid.col.organization'),
      width: 120,
      wrap: true,
      render: (p) => <Clamped text={p.organizationName ?? ctx.orgName(p.organizationId) ?? '…'} />,
      text: (p) => p.organizationName ?? ctx.orgName(p.organizationId) ?? p.organizationId,
    },
    {
      // 3.1: the number organizations quote on the phone and in letters.
      id: 'application',
      header: t('cec.grid.col.application'),
      // «PR27-A-0042» whole at 13 px.
      width: 104,
      render: (p) => (
        <span className="vg-text" translate="no">
          {p.applicationNumber ?? '—'}
        </span>
      ),
      text: (p) => p.applicationNumber ?? '',
    },
    {
      id: 'country',
      header: t('cec.grid.col.country_short'),
      headerTitle: t('cec.grid.col.country'),
      width: 52,
      hiddenByDefault: true,
      align: 'center',
      // The code fits the column; its name, in the reader's language, is the tooltip.
      render: (p) => <span data-tip={countryName(p.organizationCountry, lang)}>{p.organizationCountry}</span>,
      text: (p) => p.organizationCountry,
    },
    {
      id: 'citizenship',
      header: t('cec.grid.col.citizenship_short'),
      headerTitle: t('cec.grid.col.citizenship'),
      // «Жаран.», «Гражд.» whole at 12 px.
      width: 64,
      align: 'center',
      render: (p) =>
        p.citizenship === 'KG' ? (
          <b className="vg-doc-bad" data-tip={countryName('KG', lang)}>
            KG
          </b>
        ) : (
          <span data-tip={countryName(p.citizenship, lang)}>{p.citizenship}</span>
        ),
      text: (p) => p.citizenship,
    },
    {
      id: 'passportExpiresOn',
      header: t('cec.grid.col.passport_expiry'),
      width: 90,
      render: (p) => (
        <span className={p.flags.includes('PASSPORT_EXPIRES_BEFORE_MANDATE_END') ? 'vg-doc-bad' : undefined}>
          {formatDate(p.passportExpiresOn, lang)}
        </span>
      ),
      text: (p) => p.passportExpiresOn,
    },
    {
      id: 'documents',
      header: t('cec.grid.col.documents_short'),
      headerTitle: t('cec.grid.col.documents'),
      width: 64,
      render: (p) => {
        const pass = docMark(p.documents.passport);
        const photo = docMark(p.documents.photo);
        return (
          <span
            data-tip={`${t('cec.documents.passport')}: ${t(`cec.documents.${p.documents.passport ?? 'pending'}`)} · ${t('cec.documents.photo')}: ${t(`cec.documents.${p.documents.photo ?? 'pending'}`)}`}
          >
            <span className={pass.cls}>{`${t('cec.documents.passport_short')}${pass.sym}`}</span>{' '}
            <span className={photo.cls}>{`${t('cec.documents.photo_short')}${photo.sym}`}</span>
          </span>
        );
      },
      text: (p) => `${p.documents.passport ?? 'pending'}/${p.documents.photo ?? 'pending'}`,
    },
    {
      id: 'flags',
      header: t('cec.grid.col.flags'),
      width: 128,
      wrap: true,
      render: (p) =>
        p.flags.map((f) => (
          <span
            key={f}
            className={`vg-chip ${FLAGS[f as FlagCode]?.blocking ? 'vg-chip-block' : 'vg-chip-warn'}`}
            data-tip={flagTip(f, lang)}
          >
            {t(`cec.flag_short.${f}`)}
          </span>
        )),
      text: (p) => p.flags.join(' '),
    },
    {
      id: 'mfa',
      header: t('cec.grid.col.mfa'),
      headerTitle: t('cec.grid.col.mfa_full'),
      // «Өткөрүлдү» whole at 13 px.
      width: 92,
      wrap: true,
      render: (p) => {
        const s = mfaStatusOf(p);
        return (
          <span className={s === 'returned' ? 'vg-doc-bad' : s === 'pending' ? 'vg-muted' : undefined}>
            {t(`cec.mfa.${s}`)}
          </span>
        );
      },
      text: mfaStatusOf,
    },
    {
      id: 'status',
      header: t('cec.grid.col.status'),
      // The «Аккредитацияланды» badge whole at 12 px.
      width: 162,
      wrap: true,
      render: (p) => (
        <span className={`vg-status st-${p.status}`}>{`${p.checked ? '✓ ' : ''}${t(`cec.status.${p.status}`)}`}</span>
      ),
      text: (p) => p.status,
    },
    {
      id: 'decision',
      header: t('cec.grid.col.decision'),
      // «Аккредитацияланды» whole on one line at 13 px.
      width: 160,
      wrap: true,
      render: (p) => {
        const mark = ctx.draft.get(p.id);
        if (mark) {
          const g = mark.ground ? REFUSAL_GROUNDS[mark.ground as RefusalGround] : undefined;
          return (
            <span className="vg-draft-mark" data-tip={g ? `${g.label[lang]} (${g.clause})` : undefined}>
              {t(`cec.resolution.draft_${mark.outcome}`)}
            </span>
          );
        }
        const d = p.lastDecision;
        if (!d) return null;
        const g = d.ground ? REFUSAL_GROUNDS[d.ground as RefusalGround] : undefined;
        return (
          <span className="vg-text" data-tip={g ? `${g.label[lang]} (${g.clause})` : undefined}>
            {`${t(`cec.decision.${d.outcome}`)} · `}
            <span translate="no">{`№${d.resolutionNumber}`}</span>
          </span>
        );
      },
      text: (p) => {
        const d = p.lastDecision;
        return d ? `${d.outcome} ${d.resolutionNumber} ${d.adoptedOn}${d.ground ? ` ${d.ground}` : ''}` : '';
      },
    },
    {
      id: 'note',
      header: t('cec.grid.col.note'),
      width: 96,
      render: (p) => <span className="vg-text vg-muted">{p.reviewerNote}</span>,
      editor: (row, done) => <NoteEditor row={row} done={done} save={ctx.saveNote} />,
      text: (p) => p.reviewerNote,
    },
  ];
}
