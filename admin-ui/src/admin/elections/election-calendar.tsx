/**
 * An election's calendar drawn as a time line: the accreditation window from the calling to D − 3
 * (3.6), the days it is closed before voting day, and the mandates until results are published (3.7),
 * repeat voting included. Today is marked; every date is a Bishkek calendar day.
 */
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useLocaleState, useTranslate } from 'react-admin';
import { daysLeftInWindow, deriveCalendar } from '#domain/calendar';
import { addDays, daysBetween } from '#domain/time';
import type { ElectionView } from '../../api/types';
import { asLang, bishkekToday, formatDate } from '../../i18n/format';

type Dates = Pick<ElectionView, 'calledOn' | 'votingDay' | 'windowOffsetDays' | 'resultsPublishedOn' | 'repeatVoting'>;

export function ElectionCalendarView({
  election,
  now = new Date(),
  daysLeft,
}: {
  election: Dates;
  now?: Date;
  /** The API's count when known (its clock decides; the twin's can be moved). */
  daysLeft?: number;
}) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const cal = deriveCalendar(election);
  const today = bishkekToday(now);
  const lastVoting = election.repeatVoting?.votingDay ?? election.votingDay;
  const end = cal.mandateEndsOn ?? addDays(lastVoting, 14);
  const start = election.calledOn;
  const span = Math.max(1, daysBetween(start, end) + 1);
  const pct = (d: string) => `${Math.min(100, Math.max(0, (daysBetween(start, d) / span) * 100))}%`;
  const width = (a: string, b: string) => `${Math.max(0.5, ((daysBetween(a, b) + 1) / span) * 100)}%`;
  const left = daysLeft ?? daysLeftInWindow(election, now);

  const markers: { date: string; label: string; color: string }[] = [
    { date: election.calledOn, label: t('cec.calendar.called'), color: '#2e7d32' },
    { date: cal.lastAccreditationDay, label: t('cec.calendar.last_day'), color: '#ef6c00' },
    { date: election.votingDay, label: t('cec.calendar.voting_day'), color: '#0b4f8a' },
  ];
  if (election.repeatVoting) {
    markers.push({ date: election.repeatVoting.votingDay, label: t('cec.calendar.repeat_voting'), color: '#6a1b9a' });
  }
  if (cal.mandateEndsOn)
    markers.push({ date: cal.mandateEndsOn, label: t('cec.calendar.mandate_end'), color: '#455a64' });

  return (
    <Box data-testid="election-calendar" sx={{ my: 2 }}>
      <Typography variant="subtitle1" component="p" sx={{ mb: 1, fontWeight: 500 }} data-testid="days-left">
        {left > 0 ? t('cec.calendar.days_left', { smart_count: left }) : t('cec.calendar.window_closed')}
      </Typography>
      <Box sx={{ position: 'relative', height: 28, borderRadius: 1, bgcolor: 'grey.100', overflow: 'hidden' }}>
        <Box
          title={t('cec.calendar.window')}
          sx={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: pct(start),
            width: width(start, cal.lastAccreditationDay),
            bgcolor: '#a5d6a7',
          }}
        />
        <Box
          title={t('cec.calendar.closed')}
          sx={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: pct(addDays(cal.lastAccreditationDay, 1)),
            width: width(addDays(cal.lastAccreditationDay, 1), addDays(election.votingDay, -1)),
            bgcolor: '#ffcc80',
          }}
        />
        <Box
          title={t('cec.calendar.mandate')}
          sx={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: pct(election.votingDay),
            width: width(election.votingDay, end),
            background: cal.mandateEndsOn
              ? '#90caf9'
              : 'repeating-linear-gradient(45deg,#bbdefb,#bbdefb 6px,#e3f2fd 6px,#e3f2fd 12px)',
          }}
        />
        {today >= start && today <= end ? (
          <Box
            title={t('cec.calendar.today')}
            sx={{ position: 'absolute', top: -2, bottom: -2, left: pct(today), width: 2, bgcolor: '#c62828' }}
          />
        ) : null}
      </Box>
      <Box sx={{ position: 'relative', height: 48, mt: 0.5 }}>
        {markers.map((m, i) => (
          <Box
            key={m.label}
            sx={{
              position: 'absolute',
              left: pct(m.date),
              top: i % 2 === 0 ? 0 : 22,
              transform: 'translateX(-2px)',
              borderLeft: `2px solid ${m.color}`,
              pl: 0.5,
              fontSize: 11,
              whiteSpace: 'nowrap',
            }}
          >
            <b>{formatDate(m.date, lang)}</b> {m.label}
          </Box>
        ))}
      </Box>
      <Stack direction="row" spacing={2} sx={{ mt: 1, fontSize: 12, flexWrap: 'wrap' }}>
        <span>
          <Box component="span" sx={{ display: 'inline-block', width: 12, height: 12, bgcolor: '#a5d6a7', mr: 0.5 }} />
          {t('cec.calendar.window')} (3.6)
        </span>
        <span>
          <Box component="span" sx={{ display: 'inline-block', width: 12, height: 12, bgcolor: '#ffcc80', mr: 0.5 }} />
          {t('cec.calendar.closed')}
        </span>
        <span>
          <Box component="span" sx={{ display: 'inline-block', width: 12, height: 12, bgcolor: '#90caf9', mr: 0.5 }} />
          {t('cec.calendar.mandate')} (3.7){cal.mandateEndsOn ? '' : ` — ${t('cec.calendar.mandate_open')}`}
        </span>
        <span>
          {t('cec.calendar.passport_valid_on')}: <b>{formatDate(cal.passportMustBeValidOn, lang)}</b>
        </span>
      </Stack>
    </Box>
  );
}
