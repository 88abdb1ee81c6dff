import { getElection } from '#data/elections';
import { electionStatistics } from '#data/statistics';
import { httpHandler, ok } from '#http/handler';
import { electionStatisticsRoute } from '#http/routes/admin-decisions';

export const handler = httpHandler(electionStatisticsRoute, async ({ params, now }) =>
  ok(await electionStatistics(await getElection(params.electionId), now)),
);
