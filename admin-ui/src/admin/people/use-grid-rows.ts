/**
 * Every row of the grid under the current filter: the API pages by cursor (≤ 200 a page), and the
 * pages are fetched one after another until the last, so the grid fills while it is already usable.
 * Counts per status come with each page from the API's counters.
 *
 * A new filter or order that a complete list already loaded can answer (grid-view.ts) is shown at
 * once from that list, rows and counts of the same reading, while the API's own answer loads; when it
 * is complete it takes the place of the one worked out, so what stays on screen is the API's.
 */
import { type InfiniteData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { ApiDataProvider, ListResult } from '../../data/data-provider';
import { type GridFilterValue, cleanFilter, narrows, sameScope, viewOf } from './grid-view';
import type { PersonRow } from './triage-columns';

export type { GridFilterValue } from './grid-view';

export const GRID_PAGE_SIZE = 200;

type Order = 'ASC' | 'DESC';
type GridData = InfiniteData<ListResult<PersonRow>, string | undefined>;

const complete = (d: GridData | undefined): d is GridData => !!d && d.pages.at(-1)?.nextCursor === null;

interface Worked {
  rows: PersonRow[];
  counts: Record<string, number> | undefined;
  scopeCounts: Record<string, number> | undefined;
}

/** The view of `filter`/`order` from the smallest complete list in the cache that holds all its rows. */
function workOut(
  queryClient: ReturnType<typeof useQueryClient>,
  electionId: string,
  filter: GridFilterValue,
  order: Order,
): Worked | undefined {
  let best: { data: GridData; filter: GridFilterValue; order: Order; size: number; at: number } | undefined;
  for (const q of queryClient.getQueryCache().findAll({ queryKey: ['people', 'grid', electionId] })) {
    const data = q.state.data as GridData | undefined;
    if (q.state.status === 'error' || !complete(data)) continue;
    const [, , , f, o] = q.queryKey as [string, string, string, GridFilterValue, Order];
    if (!narrows(f, filter)) continue;
    const size = data.pages.reduce((s, p) => s + p.data.length, 0);
    const at = q.state.dataUpdatedAt;
    if (!best || size < best.size || (size === best.size && at > best.at))
      best = { data, filter: f, order: o, size, at };
  }
  if (!best) return undefined;
  const first = best.data.pages[0]!;
  const rows = viewOf(
    best.data.pages.flatMap((p) => p.data),
    { filter: best.filter, order: best.order },
    { filter, order },
  );
  // Counts are of the list's scope (organization, country): kept only when the scope is the same.
  const same = sameScope(best.filter, filter);
  return {
    rows,
    counts: same ? (first.raw.counts as Record<string, number> | undefined) : undefined,
    scopeCounts: same ? (first.raw.scopeCounts as Record<string, number> | undefined) : undefined,
  };
}

export function useGridRows(electionId: string, rawFilter: GridFilterValue, order: Order) {
  const dp = useDataProvider<ApiDataProvider>();
  const queryClient = useQueryClient();
  // One key per filter however it was written (an emptied field is no field).
  const filterKey = JSON.stringify(cleanFilter(rawFilter));
  const filter = useMemo(() => JSON.parse(filterKey) as GridFilterValue, [filterKey]);
  const queryKey = useMemo(() => ['people', 'grid', electionId, filter, order], [electionId, filter, order]);
  // Worked out once per key (and again after a row is patched), before the query has its own answer.
  const [patches, setPatches] = useState(0);
  const worked = useMemo(() => {
    void patches;
    const own = queryClient.getQueryData<GridData>(queryKey);
    return complete(own) ? undefined : workOut(queryClient, electionId, filter, order);
  }, [queryClient, queryKey, electionId, filter, order, patches]);
  const q = useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      dp.listPage<PersonRow>('people', {
        filter: { ...filter, electionId },
        sort: { field: 'name', order },
        limit: GRID_PAGE_SIZE,
        cursor: pageParam,
      }),
    getNextPageParam: (last: ListResult<PersonRow>) => last.nextCursor ?? undefined,
    // A new filter that cannot be worked out keeps the rows and counts shown until its own first page
    // arrives: never "All 0".
    placeholderData: (previous) => previous,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = q;
  // Keyed on the pages loaded too: a page that arrives before React has drawn "fetching" (a quick
  // answer) leaves the other three as they were, and the next page would never be asked for.
  const pagesLoaded = q.data?.pages.length ?? 0;
  useEffect(() => {
    void pagesLoaded;
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError, pagesLoaded]);

  const own = q.isPlaceholderData ? undefined : (q.data as GridData | undefined);
  // The API's answer once complete (or when it failed); until then the one worked out, if any.
  const shown = worked && !isError && !complete(own) ? worked : undefined;
  const ownRows = useMemo(() => q.data?.pages.flatMap((p) => p.data) ?? [], [q.data]);
  const rows = shown ? shown.rows : ownRows;
  const first = q.data?.pages[0];
  const scopeCounts = shown ? shown.scopeCounts : (first?.raw.scopeCounts as Record<string, number> | undefined);
  // The counts of what the grid lists: the organization's or country's when one is chosen.
  const counts = shown
    ? (shown.scopeCounts ?? shown.counts)
    : first
      ? ((scopeCounts ?? first.raw.counts ?? {}) as Record<string, number>)
      : undefined;

  /** Puts a changed row in place, in every list of the election held, without reloading them. */
  const patchRow = useCallback(
    (id: string, change: Partial<PersonRow>) => {
      queryClient.setQueriesData<GridData>({ queryKey: ['people', 'grid', electionId] }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                ...p,
                data: p.data.map((r) => (r.id === id ? { ...r, ...change } : r)),
              })),
            }
          : data,
      );
      setPatches((n) => n + 1);
    },
    [queryClient, electionId],
  );

  const refetch = useCallback(
    () => queryClient.invalidateQueries({ queryKey: ['people', 'grid', electionId] }),
    [queryClient, electionId],
  );

  return {
    rows,
    counts,
    scopeCounts,
    total: shown ? shown.rows.length : first?.total,
    isPending: q.isPending && !shown,
    /** True while more pages load, or while the API confirms rows worked out from a loaded list. */
    isLoadingMore: q.hasNextPage === true || q.isFetchingNextPage || !!shown,
    error: q.error,
    refetch,
    patchRow,
  };
}
