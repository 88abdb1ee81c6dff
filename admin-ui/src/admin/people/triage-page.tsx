/**
 * The triage grid: every representative of the election in one dense, keyboard-first grid (see
 * virtual-grid.tsx for the keys it handles itself). Shortcuts on the active row, or on the selection
 * when there is one: Enter/o open the person, c mark checked, a add to the draft resolution as
 * accredited, r as refused (with a 3.9 ground), n edit the note, ? the list of keys.
 */
import DownloadIcon from '@mui/icons-material/Download';
import GavelIcon from '@mui/icons-material/Gavel';
import KeyboardIcon from '@mui/icons-material/Keyboard';
import RefreshIcon from '@mui/icons-material/Refresh';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Loading,
  Title,
  useAddUndoableMutation,
  useCanAccess,
  useLocaleState,
  useNotify,
  useSidebarState,
  useStore,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { type Lang, asLang } from '../../i18n/format';
import { ApiError } from '../../data/http-client';
import { type ResolutionItemInput, useAdminApi } from '../api';
import { useCurrentElection } from '../current-election';
import { NewDraftDialog, RefuseDialog } from '../resolutions/dialogs';
import { toCsv, downloadText } from './csv';
import { GridTooltip } from './grid-tooltip';
import { gridSx } from './grid-styles';
import { PersonPanel } from './person-panel';
import { ShortcutsDialog } from './shortcuts-dialog';
import { warningSentence } from './draft-warnings';
import { GridColumnsMenu, applyLayout, useGridLayout } from './grid-layout';
import { type PersonRow, flagTip, fullNameLatin, triageColumns } from './triage-columns';
import { WindowProgress as WindowProgressView } from './window-progress';
import {
  PresetsMenu as PresetsMenuView,
  StatusCounts as StatusCountsView,
  TriageFilters as TriageFiltersView,
} from './triage-filters';
import { type GridFilterValue, useGridRows } from './use-grid-rows';
import { useDraft } from './use-draft';
import { VirtualGrid } from './virtual-grid';

export function TriagePage() {
  const t = useTranslate();
  const { election, isPending } = useCurrentElection();
  if (isPending) return <Loading />;
  if (!election) return <Alert severity="info">{t('cec.election.none')}</Alert>;
  return <Triage key={election.id} electionId={election.id} electionName={election.name} />;
}

// The parts above the grid render again only when their own props change, not with every page of
// rows that arrives or every selection: MUI's fields and chips cost far more than the grid's rows.
const WindowProgress = memo(WindowProgressView);
const PresetsMenu = memo(PresetsMenuView);
const StatusCounts = memo(StatusCountsView);
const TriageFilters = memo(TriageFiltersView);

/** Filters typed letter by letter; the others are picked from a list and apply at once. */
const TYPED_FILTERS = ['name'] as const;

/**
 * The filter the grid asks for: a pick (status, flag, organization, a two-letter country …) applies at
 * once, while a change to a typed filter waits until typing pauses for `ms`, so one name typed is one
 * query, not one a letter.
 */
function useSettledFilter(filter: GridFilterValue, ms: number): GridFilterValue {
  const [settled, setSettled] = useState(filter);
  const typed = TYPED_FILTERS.some((k) => filter[k] !== settled[k]);
  const picked = Object.keys({ ...filter, ...settled }).some(
    (k) => !(TYPED_FILTERS as readonly string[]).includes(k) && filter[k] !== settled[k],
  );
  useEffect(() => {
    if (!typed) return;
    const h = setTimeout(() => setSettled(filter), ms);
    return () => clearTimeout(h);
  }, [filter, typed, ms]);
  if (picked) {
    // Applied in this render (React re-renders at once on a set state during render), typed text kept.
    const next = { ...filter };
    for (const k of TYPED_FILTERS) {
      if (settled[k] === undefined) delete next[k];
      else next[k] = settled[k];
    }
    setSettled(next);
    return next;
  }
  return settled;
}

function Triage({ electionId, electionName }: { electionId: string; electionName: Record<Lang, string> }) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const notify = useNotify();
  const api = useAdminApi();
  const { canAccess: canReview } = useCanAccess({ resource: 'people', action: 'edit' });
  const [filter, setFilter] = useStore<GridFilterValue>('cec.triage.filter', {});
  const liveFilter = useSettledFilter(filter, 250);
  const [order, setOrder] = useState<'ASC' | 'DESC'>('ASC');
  const grid = useGridRows(electionId, liveFilter, order);
  const draft = useDraft(electionId);
  const addUndoable = useAddUndoableMutation();
  const gridLayout = useGridLayout();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [panel, setPanel] = useState<string | null>(null);
  const [refuseFor, setRefuseFor] = useState<string[] | null>(null);
  const [askDraft, setAskDraft] = useState<((id: string | null) => void) | null>(null);
  const [help, setHelp] = useState(false);
  const [active, setActive] = useState<PersonRow | undefined>();
  const gridRef = useRef<HTMLDivElement | null>(null);
  const { rows, patchRow, refetch } = grid;
  const [, setSidebarOpen] = useSidebarState();
  // The grid wants the width: the menu folds away while triaging (it opens again with its button).
  useEffect(() => setSidebarOpen(false), [setSidebarOpen]);

  // A selection only holds rows the grid shows: a filter change drops the others.
  useEffect(() => {
    setSelected((s) => {
      if (s.size === 0) return s;
      const ids = new Set(rows.map((r) => r.id));
      const next = new Set([...s].filter((id) => ids.has(id)));
      return next.size === s.size ? s : next;
    });
  }, [rows]);

  const conflict = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 409) {
        notify('cec.grid.changed_elsewhere', { type: 'warning' });
        void refetch();
      } else notify(e instanceof Error ? e.message : String(e), { type: 'error' });
    },
    [notify, refetch],
  );

  const saveNote = useCallback(
    async (row: PersonRow, note: string) => {
      try {
        const out = await api.review(row.id, { reviewerNote: note, version: row.version });
        patchRow(row.id, { ...out, reviewerNote: note });
        notify('cec.grid.note_saved', { type: 'success', autoHideDuration: 1500 });
      } catch (e) {
        conflict(e);
      }
    },
    [api, patchRow, notify, conflict],
  );

  const allColumns = useMemo(
    () => triageColumns({ t, lang, orgName: () => undefined, draft: draft.marks, saveNote }),
    [t, lang, draft.marks, saveNote],
  );
  const columns = useMemo(() => applyLayout(allColumns, gridLayout.layout), [allColumns, gridLayout.layout]);

  const targets = (row: PersonRow): PersonRow[] => (selected.size > 0 ? rows.filter((r) => selected.has(r.id)) : [row]);

  const markChecked = async (list: PersonRow[]) => {
    const value = !list.every((r) => r.checked);
    let done = 0;
    for (const r of list) {
      try {
        const out = await api.review(r.id, { checked: value, version: r.version });
        patchRow(r.id, { ...out, checked: value });
        done++;
      } catch (e) {
        conflict(e);
        break;
      }
    }
    if (done > 0)
      notify(value ? 'cec.grid.marked_checked' : 'cec.grid.unmarked_checked', { messageArgs: { smart_count: done } });
  };

  const ensureDraft = (): Promise<string | null> =>
    draft.draftId ? Promise.resolve(draft.draftId) : new Promise((resolve) => setAskDraft(() => resolve));

  /**
   * Adds to the draft at once, with react-admin's undoable notification: "Undo" takes the people out
   * again and puts back any item of theirs the addition replaced. Warnings come as sentences.
   */
  const addToDraft = async (ids: string[], items: ResolutionItemInput[]) => {
    const id = await ensureDraft();
    if (!id) return;
    const replaced = draft.items
      .filter((i) => ids.includes(i.personId))
      .map((i) => {
        const { personId, decision, ground, reason, revocationReason, gross } = i;
        const kept = Object.entries({ personId, decision, ground, reason, revocationReason, gross }).filter(
          ([, v]) => v !== null && v !== undefined && v !== '',
        );
        return Object.fromEntries(kept) as unknown as ResolutionItemInput;
      });
    try {
      const out = await draft.add(id, items);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const lines = out.warnings.slice(0, 4).map((w) => {
        const row = byId.get(w.personId);
        return warningSentence(w, row ? fullNameLatin(row) : undefined, t, lang);
      });
      if (out.warnings.length > lines.length)
        lines.push(t('cec.warn.more', { smart_count: out.warnings.length - lines.length }));
      addUndoable(({ isUndo }) => {
        if (!isUndo) return;
        draft
          .undo(id, ids, replaced)
          .then(() => notify('cec.resolution.undone', { messageArgs: { smart_count: ids.length } }))
          .catch(conflict);
      });
      notify(
        [t('cec.resolution.added', { smart_count: ids.length, number: out.resolution.number }), ...lines].join('\n'),
        {
          type: lines.length ? 'warning' : 'info',
          undoable: true,
          multiLine: lines.length > 0,
          autoHideDuration: lines.length ? 12_000 : 6_000,
        },
      );
      setSelected(new Set());
    } catch (e) {
      conflict(e);
    }
    gridRef.current?.focus();
  };

  const accredit = (list: PersonRow[]) =>
    addToDraft(
      list.map((r) => r.id),
      list.map((r) => ({ personId: r.id, decision: 'accredit' as const })),
    );

  const open = (row: PersonRow) => setPanel(row.id);

  const exportCsv = () => {
    const cols = columns.filter((c) => c.text);
    const headers = cols.map((c) => c.headerTitle ?? (typeof c.header === 'string' && c.header ? c.header : c.id));
    downloadText(`observers-${electionId}.csv`, toCsv(rows, cols, headers));
  };

  const toggleSort = useCallback(() => setOrder((o) => (o === 'ASC' ? 'DESC' : 'ASC')), []);
  const pickStatus = useCallback((s: string | undefined) => setFilter({ ...filter, status: s }), [filter, setFilter]);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 64px)', gap: 1, pt: 1 }}>
      <Title title={t('cec.menu.triage')} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <WindowProgress electionId={electionId} counts={grid.counts} />
        <Box sx={{ flex: 1 }} />
        <PresetsMenu filter={filter} onApply={setFilter} />
        <GridColumnsMenu columns={allColumns} grid={gridLayout} />
        <Button
          size="small"
          startIcon={<DownloadIcon />}
          onClick={exportCsv}
          disabled={rows.length === 0}
          data-testid="export-csv"
        >
          {t('cec.grid.export_csv')}
        </Button>
        <Button size="small" startIcon={<RefreshIcon />} onClick={() => void refetch()}>
          {t('ra.action.refresh')}
        </Button>
        <Button size="small" startIcon={<KeyboardIcon />} onClick={() => setHelp(true)}>
          {t('cec.grid.shortcuts')}
        </Button>
      </Stack>
      <StatusCounts counts={grid.counts} active={filter.status as string | undefined} onPick={pickStatus} />
      <TriageFilters filter={filter} onChange={setFilter} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minHeight: 36 }}>
        <Typography variant="body2" data-testid="row-count">
          {t('cec.grid.rows', { smart_count: rows.length })}
          {grid.total !== undefined && grid.total !== rows.length ? ` / ${grid.total}` : ''}
        </Typography>
        {selected.size > 0 ? (
          <Paper
            variant="outlined"
            sx={{ px: 1, display: 'flex', alignItems: 'center', gap: 1 }}
            data-testid="bulk-bar"
          >
            <Typography variant="body2">{t('cec.grid.selected', { smart_count: selected.size })}</Typography>
            {canReview ? (
              <>
                <Button size="small" color="success" onClick={() => accredit(rows.filter((r) => selected.has(r.id)))}>
                  {t('cec.grid.bulk.accredit')} (a)
                </Button>
                <Button size="small" color="error" onClick={() => setRefuseFor([...selected])}>
                  {t('cec.grid.bulk.refuse')} (r)
                </Button>
                <Button size="small" onClick={() => markChecked(rows.filter((r) => selected.has(r.id)))}>
                  {t('cec.grid.bulk.check')} (c)
                </Button>
              </>
            ) : null}
            <Button size="small" onClick={() => setSelected(new Set())}>
              {t('cec.grid.bulk.clear')} (Esc)
            </Button>
          </Paper>
        ) : null}
        <Box sx={{ flex: 1 }} />
        {draft.resolution ? (
          <Chip
            icon={<GavelIcon />}
            color="secondary"
            variant="outlined"
            component={Link}
            to={`/resolutions/${draft.resolution.id}/show`}
            clickable
            data-testid="draft-chip"
            label={t('cec.resolution.draft_chip', {
              number: draft.resolution.number,
              smart_count: draft.resolution.itemCount,
            })}
          />
        ) : (
          <Typography variant="body2" color="text.secondary">
            {t('cec.resolution.no_draft')}
          </Typography>
        )}
      </Stack>
      {grid.isLoadingMore || grid.isPending ? <LinearProgress sx={{ height: 2 }} /> : <Box sx={{ height: 2 }} />}
      {grid.error ? <Alert severity="error">{(grid.error as Error).message}</Alert> : null}
      <Box sx={gridSx} data-density={gridLayout.layout.density}>
        <GridTooltip>
          <VirtualGrid
            gridRef={gridRef}
            rows={rows}
            columns={columns}
            selected={selected}
            onSelectionChange={setSelected}
            sort={{ field: 'name', order }}
            onSort={toggleSort}
            ariaLabel={`${t('cec.grid.aria')} · ${electionName[lang]}`}
            rowHeight={gridLayout.rowHeight}
            onColumnResize={gridLayout.setWidth}
            resizeLabel={t('cec.grid.layout.resize')}
            selectAllLabel={t('ra.action.select_all')}
            selectRowLabel={t('ra.action.select_row')}
            emptyText={grid.isPending ? t('ra.page.loading') : t('cec.grid.empty')}
            onRowDoubleClick={open}
            onActiveRowChange={setActive}
            rowClassName={(r) => (r.lastDecision ? 'vg-decided' : undefined)}
            onShortcut={(key, row, e, g) => {
              if (e.altKey || e.ctrlKey || e.metaKey) return false;
              switch (key) {
                case 'Enter':
                case 'o':
                  open(row);
                  return true;
                case 'Escape':
                  setSelected(new Set());
                  return true;
                case '?':
                  setHelp(true);
                  return true;
                case 's':
                  toggleSort();
                  return true;
              }
              if (!canReview) return false;
              switch (key) {
                case 'c':
                  void markChecked(targets(row));
                  return true;
                case 'a':
                  void accredit(targets(row));
                  return true;
                case 'r':
                  setRefuseFor(targets(row).map((r) => r.id));
                  return true;
                case 'n':
                  g.startEdit('note');
                  return true;
              }
              return false;
            }}
          />
        </GridTooltip>
      </Box>
      <Box sx={{ minHeight: 24, fontSize: 12, color: 'text.secondary' }} data-testid="active-line" aria-live="polite">
        {active ? (
          <span>
            <b translate="no">{fullNameLatin(active)}</b>
            {active.flags.length ? ` — ${active.flags.map((f) => flagTip(f, lang)).join('; ')}` : ''}
          </span>
        ) : null}
      </Box>

      <Drawer
        anchor="right"
        open={panel !== null}
        onClose={() => {
          setPanel(null);
          gridRef.current?.focus();
        }}
        slotProps={{ paper: { sx: { width: { xs: '100%', md: 640 } }, 'aria-label': t('cec.person.panel') } }}
      >
        {panel ? (
          <PersonPanel
            personId={panel}
            onClose={() => {
              setPanel(null);
              gridRef.current?.focus();
            }}
            onChanged={() => void refetch()}
          />
        ) : null}
      </Drawer>
      <RefuseDialog
        open={refuseFor !== null}
        count={refuseFor?.length ?? 0}
        onClose={() => {
          setRefuseFor(null);
          gridRef.current?.focus();
        }}
        onConfirm={(ground, reason) => {
          const ids = refuseFor ?? [];
          setRefuseFor(null);
          void addToDraft(
            ids,
            ids.map((personId) => ({ personId, decision: 'refuse' as const, ground, reason })),
          );
        }}
      />
      <NewDraftDialog
        open={askDraft !== null}
        onClose={() => {
          askDraft?.(null);
          setAskDraft(null);
        }}
        onCreate={async (input) => {
          const r = await draft.create({ ...input, kind: 'accreditation' });
          askDraft?.(r.id);
          setAskDraft(null);
        }}
      />
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </Box>
  );
}
