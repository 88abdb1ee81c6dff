/**
 * The benchmark page (not part of the product build): the staff app's shell with an in-memory data
 * provider, either an empty react-admin list (`#/things`, the baseline) or the real triage page with
 * synthetic rows (`#/triage`, `?rows=1000`). `window.__bench` records when the first render was painted
 * and runs the scroll measurement on request.
 */
import { createRoot } from 'react-dom/client';
import { Admin, CustomRoutes, Datagrid, List, Resource, TextField, type DataProvider } from 'react-admin';
import { Route } from 'react-router-dom';
import { useEffect } from 'react';
import { nameKey } from '#data/keys';
import { setConfig } from '../config';
import type { ListResult } from '../data/data-provider';
import { createI18nProvider } from '../admin/i18n-provider';
import { CecLayout } from '../admin/layout';
import { TriagePage } from '../admin/people/triage-page';
import { theme } from '../admin/theme';
import type { PersonRow } from '../admin/people/triage-columns';
import { syntheticRows } from './synthetic';

interface BenchWindow {
  __bench: {
    readyAt: number | null;
    scroll?: (step: number) => Promise<number[]>;
    idle?: (n: number) => Promise<number[]>;
    change?: (selector: string) => Promise<number>;
  };
}
const w = window as unknown as BenchWindow;
w.__bench = { readyAt: null };

const params = new URLSearchParams(window.location.search);
const ROWS = Number(params.get('rows') ?? 1000);
/** In the name index's order (family then given names, then id), as the API lists people. */
const rows = syntheticRows(ROWS)
  .map((r) => ({ r, k: `${nameKey(r.familyNameLatin, r.givenNamesLatin)}#${r.id}` }))
  .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
  .map((x) => x.r);
const ELECTION_ID = '01JBENCHE1ECT10N0000000001';
setConfig({ apiUrl: 'http://bench.invalid', auth: { kind: 'local', issuer: 'http://bench.invalid' } });

/** Marks the first painted frame after `ready` turns true (two animation frames after the commit). */
function markWhenPainted(ready: () => boolean) {
  const tick = () => {
    if (w.__bench.readyAt !== null) return;
    if (ready()) {
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          w.__bench.readyAt ??= performance.now();
        }),
      );
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Scrolls the grid from top to bottom, `step` pixels a frame, and returns every frame's duration. */
w.__bench.scroll = (step: number) =>
  new Promise((resolve) => {
    const el = document.querySelector<HTMLElement>('.vg-root');
    if (!el) throw new Error('no grid');
    const frames: number[] = [];
    let last = performance.now();
    el.scrollTop = 0;
    const frame = (now: number) => {
      frames.push(now - last);
      last = now;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return resolve(frames.slice(1));
      el.scrollTop += step;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

/** `n` animation frames with no work: what the machine gives an idle page, for comparison. */
w.__bench.idle = (n: number) =>
  new Promise((resolve) => {
    const frames: number[] = [];
    let last = performance.now();
    const frame = (now: number) => {
      frames.push(now - last);
      last = now;
      if (frames.length > n) return resolve(frames.slice(1));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

const election = {
  id: ELECTION_ID,
  kind: 'presidential',
  name: { ky: 'Шайлоо (бенчмарк)', ru: 'Выборы (бенчмарк)', en: 'Election (benchmark)' },
  calledOn: '2027-01-01',
  votingDay: '2027-02-14',
  windowOffsetDays: 3,
  resultsPublishedOn: null,
  repeatVoting: null,
  calendar: {},
  phase: 'called',
  createdAt: '2027-01-01T00:00:00Z',
  updatedAt: '2027-01-01T00:00:00Z',
  version: 1,
};

const counts: Record<string, number> = {};
for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;

/** What the API answers for a status and an order: the rows in name order, or its reverse. */
const views = new Map<string, PersonRow[]>();
function viewOf(status: string | undefined, order: 'ASC' | 'DESC'): PersonRow[] {
  const key = `${status ?? ''}:${order}`;
  let v = views.get(key);
  if (!v) {
    v = status ? rows.filter((r) => r.status === status) : rows;
    if (order === 'DESC') v = [...v].reverse();
    views.set(key, v);
  }
  return v;
}

/**
 * Clicks `selector` and returns the milliseconds until the grid's first row shows a different row and
 * that frame is painted: how long a filter or a sort takes to show its first rows.
 */
w.__bench.change = (selector: string) =>
  new Promise((resolve, reject) => {
    const target = document.querySelector<HTMLElement>(selector);
    const firstRow = () => document.querySelector('.vg-row')?.textContent ?? '';
    if (!target) return reject(new Error(`nothing matches ${selector}`));
    const before = firstRow();
    const started = performance.now();
    target.click();
    const tick = () => {
      const now = firstRow();
      if (now !== '' && now !== before) {
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
        return;
      }
      if (performance.now() - started > 10_000) return reject(new Error(`${selector}: the grid did not change`));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

const dataProvider = {
  getList: async (resource: string) => {
    if (resource === 'elections') return { data: [election], total: 1 };
    return { data: [], total: 0 };
  },
  getOne: async () => ({ data: election }),
  getMany: async () => ({ data: [] }),
  getManyReference: async () => ({ data: [], total: 0 }),
  create: async () => ({ data: { id: 'x' } }),
  update: async () => ({ data: { id: 'x' } }),
  updateMany: async () => ({ data: [] }),
  delete: async () => ({ data: { id: 'x' } }),
  deleteMany: async () => ({ data: [] }),
  call: async () => ({}),
  resetCursors: () => {},
  /** The grid's pages, 200 rows each, as the API serves them. */
  listPage: async (
    _resource: string,
    p: { cursor?: string; limit?: number; filter?: Record<string, unknown>; sort?: { order: 'ASC' | 'DESC' } },
  ): Promise<ListResult<PersonRow>> => {
    const listed = viewOf(p.filter?.status as string | undefined, p.sort?.order ?? 'ASC');
    const start = Number(p.cursor ?? 0);
    const end = Math.min(listed.length, start + (p.limit ?? 200));
    const next = end < listed.length ? String(end) : null;
    return {
      data: listed.slice(start, end),
      raw: { counts },
      total: listed.length,
      nextCursor: next,
      pageInfo: { hasNextPage: next !== null, hasPreviousPage: start > 0 },
    };
  },
} as unknown as DataProvider;

function EmptyMark() {
  useEffect(() => markWhenPainted(() => true), []);
  return <div data-testid="empty-list">∅</div>;
}

function EmptyList() {
  return (
    <List empty={<EmptyMark />} exporter={false}>
      <Datagrid>
        <TextField source="id" />
      </Datagrid>
    </List>
  );
}

if (window.location.hash.startsWith('#/triage')) {
  localStorage.setItem('RaStore.cec.electionId', JSON.stringify(ELECTION_ID));
  // Ready when every synthetic row is loaded (the grid's row count, not the "/ 10000" of the total
  // beside a partial count) and the visible ones are in the DOM.
  markWhenPainted(
    () =>
      document.querySelector('[role=grid]')?.getAttribute('aria-rowcount') === String(ROWS + 1) &&
      document.querySelector('.vg-row') !== null,
  );
}

createRoot(document.getElementById('root')!).render(
  <Admin
    disableTelemetry
    dataProvider={dataProvider}
    i18nProvider={createI18nProvider('en')}
    layout={CecLayout}
    theme={theme}
  >
    <Resource name="things" list={EmptyList} />
    <Resource name="elections" />
    <CustomRoutes>
      <Route path="/triage" element={<TriagePage />} />
    </CustomRoutes>
  </Admin>,
);
