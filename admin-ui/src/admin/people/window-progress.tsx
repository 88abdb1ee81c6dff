/**
 * Above the grid, always: the accreditation window's deadline (3.6) and how many of the people sent
 * to the CEC have a decision, from the same counts as the status chips, so the figures agree.
 */
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { asLang, formatCount, formatDate } from '../../i18n/format';
import { useAdminApi } from '../api';
import { type StatusCounts, decidedOf, sentToCec } from './status-counts';

export function WindowProgress({ electionId, counts }: { electionId: string; counts: StatusCounts | undefined }) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const api = useAdminApi();
  const stats = useQuery({
    queryKey: ['statistics', electionId],
    queryFn: () => api.statistics(electionId),
    staleTime: 60_000,
  });
  const w = stats.data?.window;
  const total = counts ? sentToCec(counts) : undefined;
  const decided = counts ? decidedOf(counts) : undefined;
  const deadline = !w
    ? '…'
    : w.daysLeft > 0
      ? t('cec.grid.window.days_left', { smart_count: w.daysLeft, day: formatDate(w.lastAccreditationDay, lang) })
      : w.daysLeft === 0
        ? t('cec.grid.window.last_day', { day: formatDate(w.lastAccreditationDay, lang) })
        : t('cec.grid.window.closed', { day: formatDate(w.lastAccreditationDay, lang) });
  const progress =
    total === undefined || decided === undefined
      ? '…'
      : t('cec.grid.window.decided', {
          decided: formatCount(decided, lang),
          total: formatCount(total, lang),
          smart_count: total,
        });
  return (
    <Box
      data-testid="window-progress"
      role="status"
      sx={{ display: 'flex', alignItems: 'center', gap: 1.5, minWidth: 0, flexWrap: 'wrap' }}
    >
      <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
        {deadline} · {progress}
      </Typography>
      {total ? (
        <LinearProgress
          variant="determinate"
          value={Math.round(((decided ?? 0) / total) * 100)}
          aria-label={progress}
          sx={{ width: 160, height: 6, borderRadius: 3 }}
        />
      ) : null}
    </Box>
  );
}
