// biome-ignore-all lint/a11y/useSemanticElements: a virtualised grid is the ARIA grid pattern on divs; a <table> cannot hold rows positioned by transform
// biome-ignore-all lint/a11y/useKeyWithClickEvents: headers sort by mouse; the keyboard sorts with the grid's "s" shortcut
// biome-ignore-all lint/a11y/useFocusableInteractive: the grid keeps one tab stop and points at the active cell with aria-activedescendant
/**
 * A spreadsheet-style, virtualised grid: only the rows in view (plus a margin) are in the DOM, so a
 * thousand representatives scroll as smoothly as twenty. MUI X's free DataGrid forces pagination with
 * at most 100 rows a page, which does not fit "all representatives of an election in one grid"; this
 * grid is small, keyboard first, and styled by one class on the container (no styles per cell).
 *
 * Keyboard: arrows move the active cell, PageUp/PageDown a screen, Home/End the row, Ctrl+Home/End the
 * grid; Space toggles the row's selection, Shift+arrows extend it, Ctrl+A selects every row; F2 edits
 * an editable cell (Enter saves, Escape cancels). Other keys go to `onShortcut` with the active row.
 */
import {
  memo,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

export interface GridColumn<R> {
  id: string;
  header: ReactNode;
  /** The full name of the column, when the header is shortened (its tooltip and accessible name). */
  headerTitle?: string;
  width: number;
  /** Long text wraps onto a second line instead of being cut off (key columns a reviewer decides on). */
  wrap?: boolean;
  /** Left out until the reviewer adds it with the column chooser (the default fits 1366 px). */
  hiddenByDefault?: boolean;
  render: (row: R) => ReactNode;
  /** The API's sort field, when this column can be sorted. */
  sortField?: string;
  align?: 'left' | 'right' | 'center';
  /** An inline editor; it calls `done(value)` to save or `done(undefined)` to cancel. */
  editor?: (row: R, done: (value: string | undefined) => void) => ReactNode;
  /** Text for the cell's accessible name and CSV-like copy. */
  text?: (row: R) => string;
}

/** What a shortcut may ask of the grid. */
export interface GridApi {
  startEdit: (colId: string) => void;
  activeIndex: number;
}

export interface GridSort {
  field: string;
  order: 'ASC' | 'DESC';
}

export interface VirtualGridProps<R extends { id: string }> {
  rows: readonly R[];
  columns: readonly GridColumn<R>[];
  rowHeight?: number;
  selected: ReadonlySet<string>;
  onSelectionChange: (next: Set<string>) => void;
  sort?: GridSort;
  onSort?: (field: string) => void;
  /** A key pressed on the active row that the grid does not use itself; return true when handled. */
  onShortcut?: (key: string, row: R, event: KeyboardEvent<HTMLDivElement>, grid: GridApi) => boolean | undefined;
  onRowDoubleClick?: (row: R) => void;
  rowClassName?: (row: R) => string | undefined;
  ariaLabel: string;
  selectAllLabel: string;
  selectRowLabel: string;
  emptyText?: ReactNode;
  /** Extra rows rendered above and below the viewport. */
  overscan?: number;
  /** Told when the active row changes (for a detail line below the grid). */
  onActiveRowChange?: (row: R | undefined, index: number) => void;
  /** Imperative handle to focus the grid (e.g. after a dialog closes). */
  gridRef?: React.RefObject<HTMLDivElement | null>;
  /** Dragging a header's right edge resizes its column; the grid reports the new width. */
  onColumnResize?: (colId: string, width: number) => void;
  resizeLabel?: string;
}

export const MIN_COLUMN_WIDTH = 36;
export const MAX_COLUMN_WIDTH = 600;

const CHECK_WIDTH = 36;

interface RowProps<R> {
  row: R;
  index: number;
  top: number;
  height: number;
  columns: readonly GridColumn<R>[];
  selected: boolean;
  activeCol: number;
  editingCol: number;
  className?: string;
  selectLabel: string;
  /** The id the active cell takes (the grid's aria-activedescendant). */
  activeId: string;
  onCellMouseDown: (rowIndex: number, colIndex: number) => void;
  onToggle: (rowIndex: number, shift: boolean) => void;
  onDoubleClick: (rowIndex: number) => void;
  onEditDone: (value: string | undefined) => void;
}

function RowView<R extends { id: string }>(p: RowProps<R>) {
  const cls = `vg-row${p.selected ? ' vg-selected' : ''}${p.activeCol !== -2 ? ' vg-active-row' : ''}${p.className ? ` ${p.className}` : ''}`;
  return (
    <div
      className={cls}
      role="row"
      aria-rowindex={p.index + 2}
      aria-selected={p.selected}
      data-row-id={p.row.id}
      style={{ transform: `translateY(${p.top}px)`, height: p.height }}
      // One handler for the row's cells: the cell pressed is the one the target is in (the check
      // cell first, then the columns in order).
      onMouseDown={(e) => {
        const cell = (e.target as Element).closest('[role=gridcell]');
        const col = cell ? Array.prototype.indexOf.call(e.currentTarget.children, cell) - 1 : -2;
        if (col >= -1) p.onCellMouseDown(p.index, col);
      }}
      onDoubleClick={() => p.onDoubleClick(p.index)}
    >
      <div
        id={p.activeCol === -1 ? p.activeId : undefined}
        className={p.activeCol === -1 ? 'vg-cell vg-check vg-active' : 'vg-cell vg-check'}
        role="gridcell"
        style={{ width: CHECK_WIDTH }}
      >
        <input
          type="checkbox"
          tabIndex={-1}
          checked={p.selected}
          aria-label={p.selectLabel}
          onChange={(e) => p.onToggle(p.index, (e.nativeEvent as MouseEvent).shiftKey === true)}
        />
      </div>
      {p.columns.map((c, ci) => (
        <div
          key={c.id}
          id={p.activeCol === ci ? p.activeId : undefined}
          role="gridcell"
          className={`vg-cell${p.activeCol === ci ? ' vg-active' : ''}${c.align ? ` vg-${c.align}` : ''}${c.wrap ? ' vg-wrap' : ''}`}
          style={{ width: c.width }}
          data-col={c.id}
        >
          {p.editingCol === ci && c.editor ? c.editor(p.row, p.onEditDone) : c.render(p.row)}
        </div>
      ))}
    </div>
  );
}

const Row = memo(RowView) as typeof RowView;

interface HeaderProps<R> {
  columns: readonly GridColumn<R>[];
  totalWidth: number;
  height: number;
  sort?: GridSort;
  onSort?: (field: string) => void;
  allSelected: boolean;
  someSelected: boolean;
  selectAllLabel: string;
  onToggleAll: () => void;
  onResize?: (colId: string, width: number) => void;
  resizeLabel?: string;
}

/** A keyboard step of the resize handle, in pixels (Shift with an arrow takes four). */
export const RESIZE_STEP = 8;

/**
 * The width a key gives the column, or null when the key is not the handle's: ←/→ narrow or widen by
 * a step, Home/End go to the narrowest/widest, Enter gives the default back (undefined).
 */
export function widthForKey(width: number, key: string, shift: boolean): number | undefined | null {
  const clamp = (w: number) => Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, Math.round(w)));
  const step = shift ? RESIZE_STEP * 4 : RESIZE_STEP;
  switch (key) {
    case 'ArrowLeft':
      return clamp(width - step);
    case 'ArrowRight':
      return clamp(width + step);
    case 'Home':
      return MIN_COLUMN_WIDTH;
    case 'End':
      return MAX_COLUMN_WIDTH;
    case 'Enter':
      return undefined;
    default:
      return null;
  }
}

/**
 * The handle on a header's right edge: pointer drag resizes, a double click gives the default back;
 * it takes focus (Tab) and the arrow keys resize (WCAG 2.1.1), its width read out as its value.
 */
function ResizeHandle({
  width,
  label,
  onResize,
}: {
  width: number;
  label: string;
  onResize: (width: number | undefined) => void;
}) {
  return (
    <span
      className="vg-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      onKeyDown={(e) => {
        const next = widthForKey(width, e.key, e.shiftKey);
        if (next === null) return;
        // The grid's own keys (rows, sorting) stay with the grid.
        e.preventDefault();
        e.stopPropagation();
        onResize(next);
      }}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => {
        e.stopPropagation();
        onResize(undefined);
      }}
      onPointerDown={(e) => {
        e.preventDefault();
        e.stopPropagation();
        const startX = e.clientX;
        const target = e.currentTarget;
        target.setPointerCapture(e.pointerId);
        const move = (ev: PointerEvent) =>
          onResize(Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, Math.round(width + ev.clientX - startX))));
        const up = () => {
          target.removeEventListener('pointermove', move);
          target.removeEventListener('pointerup', up);
        };
        target.addEventListener('pointermove', move);
        target.addEventListener('pointerup', up);
      }}
    />
  );
}

/** The header row, apart so that scrolling (which re-renders the body) leaves it alone. */
function HeaderView<R>({
  columns,
  totalWidth,
  height,
  sort,
  onSort,
  allSelected,
  someSelected,
  selectAllLabel,
  onToggleAll,
  onResize,
  resizeLabel,
}: HeaderProps<R>) {
  return (
    <div className="vg-header" role="row" aria-rowindex={1} style={{ width: totalWidth, height }}>
      <div className="vg-cell vg-check" role="columnheader" style={{ width: CHECK_WIDTH }}>
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={selectAllLabel}
          checked={allSelected}
          ref={(el) => {
            if (el) el.indeterminate = someSelected;
          }}
          onChange={onToggleAll}
        />
      </div>
      {columns.map((c) => {
        const sorted = sort && c.sortField && sort.field === c.sortField ? sort.order : undefined;
        return (
          <div
            key={c.id}
            role="columnheader"
            className={`vg-cell vg-head${c.sortField ? ' vg-sortable' : ''}${c.align ? ` vg-${c.align}` : ''}`}
            style={{ width: c.width }}
            title={c.headerTitle}
            aria-label={c.headerTitle}
            aria-sort={sorted === 'ASC' ? 'ascending' : sorted === 'DESC' ? 'descending' : undefined}
            onClick={c.sortField && onSort ? () => onSort(c.sortField!) : undefined}
          >
            {c.header}
            {sorted ? <span className="vg-sort">{sorted === 'ASC' ? '▲' : '▼'}</span> : null}
            {onResize ? (
              <ResizeHandle
                width={c.width}
                label={`${resizeLabel ?? ''} ${c.headerTitle ?? (typeof c.header === 'string' ? c.header : c.id)}`.trim()}
                onResize={(w) => onResize(c.id, w ?? 0)}
              />
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

const GridHeader = memo(HeaderView) as typeof HeaderView;

export function VirtualGrid<R extends { id: string }>(props: VirtualGridProps<R>) {
  const { rows, columns, rowHeight = 36, selected, onSelectionChange, sort, onSort, onShortcut, overscan = 4 } = props;
  const ownRef = useRef<HTMLDivElement | null>(null);
  const activeId = `${useId()}-active`;
  const scroller = props.gridRef ?? ownRef;
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<{ row: number; col: number } | null>(null);
  const anchor = useRef<number | null>(null);
  const headerHeight = rowHeight;
  const totalWidth = CHECK_WIDTH + columns.reduce((s, c) => s + c.width, 0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller]);

  // Keep the active cell inside the rows that exist when the list shrinks (a filter, a reload).
  useEffect(() => {
    if (active.row >= rows.length && rows.length > 0) setActive((a) => ({ ...a, row: rows.length - 1 }));
  }, [rows.length, active.row]);

  const activeRow = rows[active.row];
  const onActiveRowChange = props.onActiveRowChange;
  useEffect(() => {
    onActiveRowChange?.(activeRow, active.row);
  }, [activeRow, active.row, onActiveRowChange]);

  const visible = Math.ceil(viewport / rowHeight);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rows.length, Math.floor(scrollTop / rowHeight) + visible + overscan);

  const scrollIntoView = useCallback(
    (rowIndex: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = rowIndex * rowHeight;
      const bodyHeight = el.clientHeight - headerHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + bodyHeight) el.scrollTop = top + rowHeight - bodyHeight;
    },
    [scroller, rowHeight, headerHeight],
  );

  const selectRange = useCallback(
    (from: number, to: number, base: ReadonlySet<string>) => {
      const next = new Set(base);
      const [a, b] = from < to ? [from, to] : [to, from];
      for (let i = a; i <= b; i++) {
        const r = rows[i];
        if (r) next.add(r.id);
      }
      onSelectionChange(next);
    },
    [rows, onSelectionChange],
  );

  // The rows' handlers read the latest rows and selection through a ref, so they stay the same
  // functions and a row already drawn is not drawn again when a page of rows arrives or the selection
  // changes elsewhere (rows are memoised on their props).
  const latest = useRef({ rows, selected, selectRange, onSelectionChange, onRowDoubleClick: props.onRowDoubleClick });
  latest.current = { rows, selected, selectRange, onSelectionChange, onRowDoubleClick: props.onRowDoubleClick };

  const toggle = useCallback((rowIndex: number, shift: boolean) => {
    const { rows, selected, selectRange, onSelectionChange } = latest.current;
    const r = rows[rowIndex];
    if (!r) return;
    if (shift && anchor.current !== null) {
      selectRange(anchor.current, rowIndex, selected);
    } else {
      const next = new Set(selected);
      if (next.has(r.id)) next.delete(r.id);
      else next.add(r.id);
      onSelectionChange(next);
    }
    anchor.current = rowIndex;
  }, []);

  const onCellMouseDown = useCallback((row: number, col: number) => {
    setActive({ row, col });
  }, []);

  const onEditDone = useCallback(
    (value: string | undefined) => {
      // The editor saves by itself; closing it gives the keys back to the grid.
      void value;
      setEditing(null);
      scroller.current?.focus();
    },
    [scroller],
  );

  const onDoubleClick = useCallback((rowIndex: number) => {
    const { rows, onRowDoubleClick } = latest.current;
    const r = rows[rowIndex];
    if (r) onRowDoubleClick?.(r);
  }, []);

  const move = (row: number, col: number, extend: boolean) => {
    const r = Math.max(0, Math.min(rows.length - 1, row));
    const c = Math.max(-1, Math.min(columns.length - 1, col));
    if (extend) {
      anchor.current ??= active.row;
      selectRange(anchor.current, r, selected);
    } else {
      anchor.current = r;
    }
    setActive({ row: r, col: c });
    scrollIntoView(r);
  };

  /** Lets a shortcut start editing a named column (e.g. "n" edits the note). */
  const startEdit = (colId: string) => {
    const ci = columns.findIndex((c) => c.id === colId);
    if (ci >= 0 && columns[ci]?.editor) {
      setActive((a) => ({ ...a, col: ci }));
      setEditing({ row: active.row, col: ci });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return; // the editor has the keys
    if (rows.length === 0) return;
    const page = Math.max(1, visible - 1);
    const ctrl = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowDown':
        move(active.row + 1, active.col, e.shiftKey);
        break;
      case 'ArrowUp':
        move(active.row - 1, active.col, e.shiftKey);
        break;
      case 'ArrowRight':
        move(active.row, active.col + 1, false);
        break;
      case 'ArrowLeft':
        move(active.row, active.col - 1, false);
        break;
      case 'PageDown':
        move(active.row + page, active.col, e.shiftKey);
        break;
      case 'PageUp':
        move(active.row - page, active.col, e.shiftKey);
        break;
      case 'Home':
        move(ctrl ? 0 : active.row, ctrl ? active.col : -1, false);
        break;
      case 'End':
        move(ctrl ? rows.length - 1 : active.row, ctrl ? active.col : columns.length - 1, false);
        break;
      case ' ':
        toggle(active.row, e.shiftKey);
        break;
      case 'F2': {
        const col = columns[active.col];
        if (!col?.editor) return;
        setEditing({ row: active.row, col: active.col });
        break;
      }
      default: {
        if (ctrl && (e.key === 'a' || e.key === 'A')) {
          onSelectionChange(new Set(rows.map((r) => r.id)));
          break;
        }
        const r = rows[active.row];
        if (!r || !onShortcut) return;
        if (!onShortcut(e.key, r, e, { startEdit, activeIndex: active.row })) return;
      }
    }
    e.preventDefault();
  };

  const allSelected = selected.size > 0 && rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && selected.size > 0 && rows.some((r) => selected.has(r.id));
  const toggleAll = useCallback(
    () => onSelectionChange(allSelected ? new Set() : new Set(rows.map((r) => r.id))),
    [allSelected, rows, onSelectionChange],
  );

  const slice: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const r = rows[i]!;
    slice.push(
      <Row
        key={r.id}
        row={r}
        index={i}
        top={i * rowHeight}
        height={rowHeight}
        columns={columns}
        selected={selected.has(r.id)}
        activeCol={i === active.row ? active.col : -2}
        editingCol={editing && editing.row === i ? editing.col : -2}
        className={props.rowClassName?.(r)}
        selectLabel={props.selectRowLabel}
        activeId={activeId}
        onCellMouseDown={onCellMouseDown}
        onToggle={toggle}
        onDoubleClick={onDoubleClick}
        onEditDone={onEditDone}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="vg-root"
      role="grid"
      aria-label={props.ariaLabel}
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      aria-activedescendant={rows.length > 0 ? activeId : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        // Re-render only when another row comes to the top: a scroll within a row changes nothing.
        const top = Math.floor(e.currentTarget.scrollTop / rowHeight) * rowHeight;
        if (top !== scrollTop) setScrollTop(top);
      }}
      data-active-row={active.row}
      style={{ '--vg-line': `${rowHeight - 2}px` } as React.CSSProperties}
    >
      <GridHeader
        columns={columns}
        totalWidth={totalWidth}
        height={headerHeight}
        sort={sort}
        onSort={onSort}
        allSelected={allSelected}
        someSelected={someSelected}
        selectAllLabel={props.selectAllLabel}
        onToggleAll={toggleAll}
        onResize={props.onColumnResize}
        resizeLabel={props.resizeLabel}
      />
      <div className="vg-body" style={{ height: rows.length * rowHeight, width: totalWidth }}>
        {slice}
      </div>
      {rows.length === 0 && props.emptyText ? <div className="vg-empty">{props.emptyText}</div> : null}
    </div>
  );
}
