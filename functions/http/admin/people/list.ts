import { gridPage } from '#data/triage';
import { httpHandler, ok } from '#http/handler';
import { listPeopleGrid } from '#http/routes/admin-decisions';

export const handler = httpHandler(listPeopleGrid, async ({ params, query }) => {
  const page = await gridPage(params.electionId, {
    filter: query.filter ?? {},
    descending: query.order === 'DESC',
    limit: query.limit,
    cursor: query.cursor,
  });
  return ok(
    {
      data: page.rows,
      nextCursor: page.nextCursor,
      total: page.total,
      counts: page.counts,
      scopeCounts: page.scopeCounts,
    },
    {
      // Read capacity of the page (the people Query; and with the counters), for tuning and the benchmark.
      'x-consumed-capacity': `query=${page.consumedCapacity.query}; total=${page.consumedCapacity.total}; index=${page.index}`,
      'cache-control': 'no-store',
    },
  );
});
