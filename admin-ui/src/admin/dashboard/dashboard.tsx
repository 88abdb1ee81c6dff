/**
 * The dashboard of the current election: its calendar and the days left in the window (3.6), people
 * per status, per organization and per country — all from the API's counters, never a scan.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Loading, Title, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { PERSON_STATUSES } from '#domain/lifecycle';
import { daysLeftInWindow } from '#domain/calendar';
import { asLang } from '../../i18n/format';
import { useAdminApi } from '../api';
import { useCurrentElection } from '../current-election';
import { ElectionCalendarView } from '../elections/election-calendar';

type Counts = Record<string, number>;

const SHOWN = ['submitted', 'mfa_checked', 'accredited', 'refused', 'returned', 'revoked'] as const;

function total(c: Counts): number {
  return PERSON_STATUSES.reduce((s, k) => s + (c[k] ?? 0), 0);
}

function CountsTable({ rows, first }: { rows: { key: string; label: string; counts: Counts }[]; first: string }) {
  const t = useTranslate();
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{first}</TableCell>
          <TableCell align="right">{t('cec.grid.all')}</TableCell>
          {SHOWN.map((s) => (
            <TableCell key={s} align="right">
              {t(`cec.status.${s}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            <TableCell>{r.label}</TableCell>
            <TableCell align="right">{total(r.counts)}</TableCell>
            {SHOWN.map((s) => (
              <TableCell key={s} align="right">
                {r.counts[s] ?? 0}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function Dashboard() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const api = useAdminApi();
  const { election, isPending } = useCurrentElection();
  const { canAccess: cec } = useCanAccess({ resource: 'people', action: 'list' });
  const stats = useQuery({
    queryKey: ['statistics', election?.id],
    enabled: !!election && cec === true,
    queryFn: () => api.statistics(election!.id),
  });
  if (isPending) return <Loading />;
  if (!election) return <Alert severity="info">{t('cec.election.none')}</Alert>;
  const s = stats.data;
  // The API's clock decides (the twin's clock can be moved); the browser's is the fallback.
  const left = s?.window.daysLeft ?? daysLeftInWindow(election, new Date());
  return (
    <Box sx={{ py: 2 }} data-testid="dashboard">
      <Title title={t('cec.menu.dashboard')} />
      <Stack spacing={2}>
        <Card>
          <CardHeader title={election.name[lang]} subheader={t(`cec.election_kind.${election.kind}`)} />
          <CardContent sx={{ pt: 0 }}>
            <ElectionCalendarView election={election} daysLeft={left} />
          </CardContent>
        </Card>
        {cec ? (
          <>
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
              <Card sx={{ minWidth: 140 }}>
                <CardContent>
                  <Typography variant="overline">{t('cec.grid.all')}</Typography>
                  <Typography variant="h4">{s ? total(s.byStatus) : '…'}</Typography>
                </CardContent>
              </Card>
              {PERSON_STATUSES.filter((k) => (s?.byStatus[k] ?? 0) > 0).map((k) => (
                <Card key={k} sx={{ minWidth: 140 }} data-status={k}>
                  <CardContent>
                    <Typography variant="overline">{t(`cec.status.${k}`)}</Typography>
                    <Typography variant="h4">{s?.byStatus[k] ?? 0}</Typography>
                  </CardContent>
                </Card>
              ))}
            </Stack>
            {stats.error ? <Alert severity="error">{(stats.error as Error).message}</Alert> : null}
            {s && s.byOrganization.length > 0 ? (
              <Card>
                <CardHeader title={t('cec.dashboard.by_organization')} />
                <CountsTable
                  first={t('cec.grid.col.organization')}
                  rows={s.byOrganization.map((o) => ({
                    key: o.organizationId,
                    label: o.name ?? o.organizationId,
                    counts: o.counts,
                  }))}
                />
              </Card>
            ) : null}
            {s && s.byCountry.length > 0 ? (
              <Card>
                <CardHeader title={t('cec.dashboard.by_country')} />
                <CountsTable
                  first={t('cec.grid.col.country')}
                  rows={s.byCountry.map((c) => ({ key: c.country, label: c.country, counts: c.counts }))}
                />
              </Card>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Box>
  );
}
