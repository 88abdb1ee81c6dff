/**
 * The grid's layout as each reviewer sets it: which columns show, their widths, and the density.
 * Kept in react-admin's store (the browser's storage) under the signed-in user's id, so two people
 * sharing a computer keep their own layouts. The defaults fit a 1366 px screen.
 */
import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import Button from '@mui/material/Button';
import CheckBoxIcon from '@mui/icons-material/CheckBox';
import BlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import RadioOnIcon from '@mui/icons-material/RadioButtonChecked';
import RadioOffIcon from '@mui/icons-material/RadioButtonUnchecked';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useCallback, useMemo, useState } from 'react';
import { useGetIdentity, useStore, useTranslate } from 'react-admin';
import type { GridColumn } from './virtual-grid';

export type Density = 'compact' | 'comfortable';

export interface GridLayout {
  /** Columns shown or hidden against their default. */
  shown: Record<string, boolean>;
  widths: Record<string, number>;
  density: Density;
}

const EMPTY: GridLayout = { shown: {}, widths: {}, density: 'compact' };

/** Row heights: two lines of text fit in a compact row, three in a comfortable one. */
export const ROW_HEIGHT: Record<Density, number> = { compact: 40, comfortable: 54 };

export function isShown<R>(c: GridColumn<R>, layout: GridLayout): boolean {
  return layout.shown[c.id] ?? !c.hiddenByDefault;
}

/** The columns as the layout shows them: hidden ones left out, widths applied. */
export function applyLayout<R>(columns: readonly GridColumn<R>[], layout: GridLayout): GridColumn<R>[] {
  return columns
    .filter((c) => isShown(c, layout))
    .map((c) => (layout.widths[c.id] ? { ...c, width: layout.widths[c.id]! } : c));
}

export function useGridLayout() {
  const { identity } = useGetIdentity();
  const [layout, setLayout] = useStore<GridLayout>(`cec.grid.layout.${identity?.id ?? 'anonymous'}`, EMPTY);
  const current = { ...EMPTY, ...layout };
  const setWidth = useCallback(
    (id: string, width: number) => {
      setLayout((l) => {
        const widths = { ...(l ?? EMPTY).widths };
        if (width > 0) widths[id] = width;
        else delete widths[id];
        return { ...EMPTY, ...l, widths };
      });
    },
    [setLayout],
  );
  return {
    layout: current,
    rowHeight: ROW_HEIGHT[current.density] ?? ROW_HEIGHT.compact,
    setWidth,
    toggle: (id: string, show: boolean) => setLayout((l) => ({ ...EMPTY, ...l, shown: { ...l?.shown, [id]: show } })),
    setDensity: (density: Density) => setLayout((l) => ({ ...EMPTY, ...l, density })),
    reset: () => setLayout(EMPTY),
  };
}

/** The column chooser: columns to show, the density, and the default layout back. */
export function GridColumnsMenu<R>({
  columns,
  grid,
}: {
  columns: readonly GridColumn<R>[];
  grid: ReturnType<typeof useGridLayout>;
}) {
  const t = useTranslate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const named = useMemo(
    () =>
      columns.map((c) => ({
        id: c.id,
        label: c.headerTitle ?? (typeof c.header === 'string' ? c.header : c.id),
        shown: isShown(c, grid.layout),
      })),
    [columns, grid.layout],
  );
  return (
    <>
      <Button
        size="small"
        startIcon={<ViewColumnIcon />}
        onClick={(e) => setAnchor(e.currentTarget)}
        data-testid="grid-columns"
        aria-haspopup="menu"
      >
        {t('cec.grid.layout.button')}
      </Button>
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        // Rendered inside the page's main landmark, not loose at the end of the body.
        disablePortal
        slotProps={{
          list: { dense: true, 'aria-label': t('cec.grid.layout.button') },
          paper: { sx: { maxHeight: 560 } },
        }}
        data-testid="grid-columns-menu"
      >
        {named.map((c) => (
          <MenuItem
            key={c.id}
            role="menuitemcheckbox"
            aria-checked={c.shown}
            onClick={() => grid.toggle(c.id, !c.shown)}
            data-column={c.id}
          >
            <ListItemIcon>{c.shown ? <CheckBoxIcon fontSize="small" /> : <BlankIcon fontSize="small" />}</ListItemIcon>
            <ListItemText primary={c.label} />
          </MenuItem>
        ))}
        <Divider />
        {(['compact', 'comfortable'] as const).map((d) => (
          <MenuItem
            key={d}
            role="menuitemradio"
            aria-checked={grid.layout.density === d}
            onClick={() => grid.setDensity(d)}
            data-density={d}
          >
            <ListItemIcon>
              {grid.layout.density === d ? <RadioOnIcon fontSize="small" /> : <RadioOffIcon fontSize="small" />}
            </ListItemIcon>
            <ListItemText primary={t(`cec.grid.layout.${d}`)} />
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          onClick={() => {
            grid.reset();
            setAnchor(null);
          }}
        >
          <ListItemText inset primary={t('cec.grid.layout.reset')} secondary={t('cec.grid.layout.resize_help')} />
        </MenuItem>
      </Menu>
    </>
  );
}
