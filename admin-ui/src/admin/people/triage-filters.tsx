/** The grid's filters (the API's `gridFilter`), counts per status, and saved presets. */
import BookmarkIcon from '@mui/icons-material/BookmarkBorder';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';
import { FLAG_CODES, FLAGS } from '#domain/eligibility';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { asLang, formatCount } from '../../i18n/format';
import { GRID_STATUSES, type StatusCounts as StatusCountsValue, draftsOf, sentToCec } from './status-counts';
import { BUILT_IN_PRESETS, type Preset, loadPresets, savePresets } from './presets';
import type { GridFilterValue } from './use-grid-rows';

let measure: CanvasRenderingContext2D | null | undefined;

/** The width of a text in the given CSS font, as the browser draws it (an estimate without a canvas). */
export function textWidth(text: string, font: string): number {
  measure ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * 10;
  measure.font = font;
  return measure.measureText(text).width;
}

/**
 * A filter field never narrower than its label, in whatever language (a Kyrgyz label is often the
 * longest): the label at the field's 16 px, its 14 px inset and room on the right (a select's arrow).
 */
function useFieldFit() {
  const theme = useTheme();
  const font = `400 16px ${theme.typography.fontFamily}`;
  // A select grows with the value it shows; a text field keeps its width.
  return (label: string, select = false) => {
    const width = Math.ceil(textWidth(label, font)) + (select ? 50 : 32);
    return { size: 'small' as const, label, sx: select ? { minWidth: width } : { width: Math.max(width, 84) } };
  };
}

/**
 * Counts per status, one chip each (a click filters): "all" is what the grid lists with no status
 * chosen. While the counts load nothing is shown rather than zeros; drafts, which the grid never
 * lists (3.1), are named apart.
 */
export function StatusCounts({
  counts,
  active,
  onPick,
}: {
  counts: StatusCountsValue | undefined;
  active: string | undefined;
  onPick: (status: string | undefined) => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  if (!counts) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="status-counts" aria-busy="true">
        {t('ra.page.loading')}
      </Typography>
    );
  }
  const drafts = draftsOf(counts);
  return (
    <Stack
      direction="row"
      spacing={0.5}
      sx={{ flexWrap: 'wrap', rowGap: 0.5, alignItems: 'center' }}
      data-testid="status-counts"
    >
      <Chip
        size="small"
        data-status="all"
        label={`${t('cec.grid.all')} ${formatCount(sentToCec(counts), lang)}`}
        color={active ? 'default' : 'primary'}
        onClick={() => onPick(undefined)}
      />
      {GRID_STATUSES.filter((s) => (counts[s] ?? 0) > 0 || s === active).map((s) => (
        <Chip
          key={s}
          size="small"
          data-status={s}
          label={`${t(`cec.status.${s}`)} ${formatCount(counts[s] ?? 0, lang)}`}
          color={active === s ? 'primary' : 'default'}
          variant={active === s ? 'filled' : 'outlined'}
          onClick={() => onPick(active === s ? undefined : s)}
        />
      ))}
      {drafts > 0 ? (
        <Typography variant="caption" color="text.secondary" sx={{ pl: 0.5 }} data-testid="drafts-apart">
          {t('cec.grid.drafts_apart', { smart_count: drafts, count: formatCount(drafts, lang) })}
        </Typography>
      ) : null}
    </Stack>
  );
}

export function TriageFilters({
  filter,
  onChange,
}: {
  filter: GridFilterValue;
  onChange: (f: GridFilterValue) => void;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const { data: orgs } = useGetList('organizations', { pagination: { page: 1, perPage: 200 } });
  const set = (k: string, v: string | boolean | undefined) => {
    const next = { ...filter, [k]: v === '' ? undefined : v };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const tri = (v: boolean | string | undefined) => (v === true ? 'yes' : v === false ? 'no' : '');
  const fieldFor = useFieldFit();
  const organization = fieldFor(t('cec.grid.filter.organization'), true);
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }} data-testid="triage-filters">
      <TextField
        {...fieldFor(t('cec.grid.filter.name'))}
        value={(filter.name as string) ?? ''}
        onChange={(e) => set('name', e.target.value || undefined)}
        slotProps={{ htmlInput: { 'data-testid': 'filter-name' } }}
      />
      <TextField
        {...fieldFor(t('cec.grid.filter.status'), true)}
        select
        value={(filter.status as string) ?? ''}
        onChange={(e) => set('status', e.target.value)}
      >
        <MenuItem value="">{t('cec.grid.any')}</MenuItem>
        {GRID_STATUSES.map((s) => (
          <MenuItem key={s} value={s}>
            {t(`cec.status.${s}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        {...fieldFor(t('cec.grid.filter.flag'), true)}
        select
        value={(filter.flag as string) ?? ''}
        onChange={(e) => set('flag', e.target.value)}
        slotProps={{
          htmlInput: { 'data-testid': 'filter-flag' },
          // The closed select shows the short name; the open list explains each flag with its clause.
          select: { renderValue: (v) => (v ? t(`cec.flag_short.${String(v)}`) : '') },
        }}
      >
        <MenuItem value="">{t('cec.grid.any')}</MenuItem>
        {FLAG_CODES.map((f) => (
          <MenuItem key={f} value={f} data-value={f}>
            <ListItemText
              primary={t(`cec.flag_short.${f}`)}
              secondary={`${FLAGS[f].label[lang]} (${FLAGS[f].clause})`}
            />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        {...organization}
        select
        value={(filter.organizationId as string) ?? ''}
        onChange={(e) => set('organizationId', e.target.value)}
        sx={{ ...organization.sx, maxWidth: 260 }}
      >
        <MenuItem value="">{t('cec.grid.any')}</MenuItem>
        {(orgs ?? []).map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {o.name?.[lang === 'ky' ? 'original' : lang] ?? o.name?.original}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        {...fieldFor(t('cec.grid.filter.country'))}
        value={(filter.country as string) ?? ''}
        onChange={(e) => {
          const v = e.target.value
            .toUpperCase()
            .replace(/[^A-Z]/g, '')
            .slice(0, 2);
          set('country', v.length === 2 ? v : undefined);
        }}
        placeholder="DE"
      />
      <TextField
        {...fieldFor(t('cec.grid.filter.citizenship'))}
        onChange={(e) => {
          const v = e.target.value
            .toUpperCase()
            .replace(/[^A-Z]/g, '')
            .slice(0, 2);
          set('citizenship', v.length === 2 ? v : undefined);
        }}
        placeholder="KG"
      />
      <TextField
        {...fieldFor(t('cec.grid.filter.channel'), true)}
        select
        value={(filter.channel as string) ?? ''}
        onChange={(e) => set('channel', e.target.value)}
      >
        <MenuItem value="">{t('cec.grid.any')}</MenuItem>
        <MenuItem value="direct">{t('cec.channel.direct')}</MenuItem>
        <MenuItem value="mfa">{t('cec.channel.mfa')}</MenuItem>
      </TextField>
      <TextField
        {...fieldFor(t('cec.grid.filter.missing_documents'), true)}
        select
        value={tri(filter.missingDocuments)}
        onChange={(e) => set('missingDocuments', e.target.value === '' ? undefined : e.target.value === 'yes')}
      >
        <MenuItem value="">{t('cec.grid.any')}</MenuItem>
        <MenuItem value="yes">{t('ra.boolean.true')}</MenuItem>
        <MenuItem value="no">{t('ra.boolean.false')}</MenuItem>
      </TextField>
      <TextField
        {...fieldFor(t('cec.grid.filter.checked'), true)}
        select
        value={tri(filter.checked)}
        onChange={(e) => set('checked', e.target.value === '' ? undefined : e.target.value === 'yes')}
      >
        <MenuItem value="">{t('cec.grid.any')}</MenuItem>
        <MenuItem value="yes">{t('ra.boolean.true')}</MenuItem>
        <MenuItem value="no">{t('ra.boolean.false')}</MenuItem>
      </TextField>
      {Object.keys(filter).length ? (
        <Button onClick={() => onChange({})}>{t('ra.navigation.clear_filters')}</Button>
      ) : null}
    </Stack>
  );
}

export function PresetsMenu({ filter, onApply }: { filter: GridFilterValue; onApply: (f: GridFilterValue) => void }) {
  const t = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [own, setOwn] = useState<Preset[]>(() => loadPresets());
  const save = () => {
    const name = window.prompt(t('cec.presets.name_prompt'));
    if (!name?.trim()) return;
    const next = [...own.filter((p) => p.name !== name.trim()), { id: `own-${Date.now()}`, name: name.trim(), filter }];
    setOwn(next);
    savePresets(next);
  };
  const remove = (id: string) => {
    const next = own.filter((p) => p.id !== id);
    setOwn(next);
    savePresets(next);
  };
  return (
    <>
      <Button
        size="small"
        startIcon={<BookmarkIcon />}
        onClick={(e) => setAnchor(e.currentTarget)}
        data-testid="presets"
      >
        {t('cec.presets.label')}
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {[...BUILT_IN_PRESETS, ...own].map((p) => (
          <MenuItem
            key={p.id}
            onClick={() => {
              onApply(p.filter);
              setAnchor(null);
            }}
          >
            <ListItemText primary={p.builtIn ? t(p.name) : p.name} />
            {p.builtIn ? null : (
              <IconButton
                size="small"
                aria-label={t('ra.action.delete')}
                onClick={(e) => {
                  e.stopPropagation();
                  remove(p.id);
                }}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            )}
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          disabled={Object.keys(filter).length === 0}
          onClick={() => {
            setAnchor(null);
            save();
          }}
        >
          {t('cec.presets.save')}
        </MenuItem>
      </Menu>
    </>
  );
}
