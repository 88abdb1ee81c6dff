/**
 * Every row of the grid under the current filter: the API pages by cursor (≤ 200 a page), and the
 * pages are fetched one after another until the last, so the grid fills while it is already usable.
 * Counts per status come with each page from the API's counters.
 */
import { type InfiniteData, keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useDataProvider } from 'react-admin';
import type { ApiDataProvider, ListResult } from '../../data/data-provider';
import type { PersonRow } from './triage-columns';

export const GRID_PAGE_SIZE = 200;

export type GridFilterValue = Record<string, string | boolean | undefined>;

export function useGridRows(electionId: string, filter: GridFilterValue, order: 'ASC' | 'DESC') {
  const dp = useDataProvider<ApiDataProvider>();
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => ['people', 'grid', electionId, filter, order], [electionId, filter, order]);
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
    // A new filter keeps the rows and counts shown until its own first page arrives: never "All 0".
    placeholderData: keepPreviousData,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = q;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, isError]);

  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.data) ?? [], [q.data]);
  const first = q.data?.pages[0];
  const scopeCounts = first?.raw.scopeCounts as Record<string, number> | undefined;
  // The counts of what the grid lists: the organization's or country's when one is chosen.
  const counts = first ? ((scopeCounts ?? first.raw.counts ?? {}) as Record<string, number>) : undefined;

  /** Puts a changed row in place without reloading a thousand rows. */
  const patchRow = useCallback(
    (id: string, change: Partial<PersonRow>) => {
      queryClient.setQueryData<InfiniteData<ListResult<PersonRow>>>(queryKey, (data) =>
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
    },
    [queryClient, queryKey],
  );

  return {
    rows,
    counts,
    scopeCounts,
    total: first?.total,
    isPending: q.isPending,
    isLoadingMore: q.hasNextPage === true || q.isFetchingNextPage,
    error: q.error,
    refetch: () => queryClient.invalidateQueries({ queryKey: ['people', 'grid', electionId] }),
    patchRow,
  };
}
