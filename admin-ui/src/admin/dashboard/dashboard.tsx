/**
 * The dashboard of the current election: its calendar and the days left in the window (3.6), people
 * per status, per organization and per country — all from the API's counters, never a scan. For CEC
 * admins also the mail in trouble: letters waiting for the redrive (and when it tries next) and
 * letters parked after a day of failures, with a link to the outbox.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
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
import { Link } from 'react-router-dom';
import { Loading, Title, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { PERSON_STATUSES } from '#domain/lifecycle';
import { daysLeftInWindow } from '#domain/calendar';
import { countryLabel } from '../../i18n/countries';
import { asLang, formatInstant } from '../../i18n/format';
import { type OutboxTrouble, useAdminApi } from '../api';
import { useCurrentElection } from '../current-election';
import { ElectionCalendarView } from '../elections/election-calendar';

type Counts = Record<string, number>;

const SHOWN = ['submitted', 'mfa_checked', 'accredited', 'refused', 'returned', 'revoked'] as const;

/** A card's title is a section of the page (h2 under the page's h1), not a span. */
const SECTION = { title: { component: 'h2' } } as const;

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

function outboxLink(status: 'failed' | 'parked'): string {
  return `/outbox?${new URLSearchParams({ filter: JSON.stringify({ status }) })}`;
}

/** Mail in trouble (cec-admin only: the outbox route's group); nothing is shown when all is well. */
function MailTrouble({ trouble, error }: { trouble: OutboxTrouble | undefined; error: unknown }) {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  if (error) return <Alert severity="error">{(error as Error).message}</Alert>;
  if (!trouble || (trouble.failed === 0 && trouble.parked === 0)) return null;
  const plus = trouble.more ? '+' : '';
  return (
    <Card data-testid="mail-trouble">
      <CardHeader slotProps={SECTION} title={t('cec.dashboard.mail_trouble.title')} />
      <CardContent sx={{ pt: 0 }}>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
          <Card variant="outlined" sx={{ minWidth: 220 }} data-outbox="failed">
            <CardContent>
              <Typography variant="overline">{t('cec.dashboard.mail_trouble.failed')}</Typography>
              <Typography variant="h4" component="p">{`${trouble.failed}${plus}`}</Typography>
              {trouble.nextAttemptAt ? (
                <Typography variant="body2">
                  {t('cec.dashboard.mail_trouble.next', { at: formatInstant(trouble.nextAttemptAt, lang) })}
                </Typography>
              ) : null}
              <Button component={Link} to={outboxLink('failed')} size="small">
                {t('cec.dashboard.mail_trouble.open')}
              </Button>
            </CardContent>
          </Card>
          <Card variant="outlined" sx={{ minWidth: 220 }} data-outbox="parked">
            <CardContent>
              <Typography variant="overline">{t('cec.dashboard.mail_trouble.parked')}</Typography>
              <Typography variant="h4" component="p" color={trouble.parked > 0 ? 'error' : undefined}>
                {`${trouble.parked}${plus}`}
              </Typography>
              <Typography variant="body2">{t('cec.dashboard.mail_trouble.parked_help')}</Typography>
              <Button component={Link} to={outboxLink('parked')} size="small">
                {t('cec.dashboard.mail_trouble.open')}
              </Button>
            </CardContent>
          </Card>
        </Stack>
      </CardContent>
    </Card>
  );
}

export function Dashboard() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const api = useAdminApi();
  const { election, isPending } = useCurrentElection();
  const { canAccess: cec } = useCanAccess({ resource: 'people', action: 'list' });
  const { canAccess: outboxAdmin } = useCanAccess({ resource: 'outbox', action: 'trouble' });
  const stats = useQuery({
    queryKey: ['statistics', election?.id],
    enabled: !!election && cec === true,
    queryFn: () => api.statistics(election!.id),
  });
  const trouble = useQuery({
    queryKey: ['outbox-trouble'],
    enabled: outboxAdmin === true,
    queryFn: () => api.outboxTrouble(),
    refetchInterval: 60_000,
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
          <CardHeader
            slotProps={SECTION}
            title={election.name[lang]}
            subheader={t(`cec.election_kind.${election.kind}`)}
          />
          <CardContent sx={{ pt: 0 }}>
            <ElectionCalendarView election={election} daysLeft={left} />
          </CardContent>
        </Card>
        {outboxAdmin ? <MailTrouble trouble={trouble.data} error={trouble.error} /> : null}
        {cec ? (
          <>
            <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
              <Card sx={{ minWidth: 140 }}>
                <CardContent>
                  <Typography variant="overline">{t('cec.grid.all')}</Typography>
                  <Typography variant="h4" component="p">
                    {s ? total(s.byStatus) : '…'}
                  </Typography>
                </CardContent>
              </Card>
              {PERSON_STATUSES.filter((k) => (s?.byStatus[k] ?? 0) > 0).map((k) => (
                <Card key={k} sx={{ minWidth: 140 }} data-status={k}>
                  <CardContent>
                    <Typography variant="overline">{t(`cec.status.${k}`)}</Typography>
                    <Typography variant="h4" component="p">
                      {s?.byStatus[k] ?? 0}
                    </Typography>
                  </CardContent>
                </Card>
              ))}
            </Stack>
            {stats.error ? <Alert severity="error">{(stats.error as Error).message}</Alert> : null}
            {s && s.byOrganization.length > 0 ? (
              <Card>
                <CardHeader slotProps={SECTION} title={t('cec.dashboard.by_organization')} />
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
                <CardHeader slotProps={SECTION} title={t('cec.dashboard.by_country')} />
                <CountsTable
                  first={t('cec.grid.col.country')}
                  rows={s.byCountry.map((c) => ({
                    key: c.country,
                    label: countryLabel(c.country, lang),
                    counts: c.counts,
                  }))}
                />
              </Card>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Box>
  );
}
