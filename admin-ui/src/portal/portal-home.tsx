/** After sign-in: the organization, the election and its calendar, and the organization's applications. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { formatDate } from '../i18n/format';
import { applicationTitle } from './application-title';
import { navigate } from './navigation';
import type { ApplicationSummary, PortalApi, PortalSession } from './portal-api';
import { useI18n } from './portal-i18n';

export function PortalHome({ api }: { api: PortalApi }) {
  const { t, lang } = useI18n();
  const [session, setSession] = useState<PortalSession | null>(null);
  const [apps, setApps] = useState<ApplicationSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    Promise.all([api.session(), api.applications()])
      .then(([s, a]) => {
        setSession(s);
        setApps(a.data);
      })
      .catch((e: Error) => setError(t(e.message)));
  }, [api, t]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!session || !apps) return <CircularProgress />;
  const start = async (channel: 'direct' | 'mfa') => {
    setBusy(true);
    try {
      const a = await api.createApplication(channel);
      navigate(`/applications/${a.id}`);
    } catch (e) {
      setError(t((e as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const orgName =
    lang === 'ky'
      ? session.organization.name.original
      : (session.organization.name[lang] ?? session.organization.name.original);
  return (
    <Stack spacing={2} data-testid="portal-home">
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1" translate="no">
            {orgName}
          </Typography>
          <Typography variant="subtitle1" component="p">
            {session.election.name[lang]}
          </Typography>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {t('cec.portal.voting_day')}: <b>{formatDate(session.election.votingDay, lang)}</b> ·{' '}
            {t('cec.calendar.last_day')}: <b>{formatDate(session.election.calendar.lastAccreditationDay, lang)}</b>
          </Typography>
          {!session.election.windowOpen ? (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {t('cec.portal.window_closed')}
            </Alert>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2">
            {t('cec.portal.applications')}
          </Typography>
          {apps.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('cec.portal.no_application')}
            </Typography>
          ) : (
            <List>
              {apps.map((a) => (
                <ListItem key={a.id} disablePadding>
                  <ListItemButton
                    onClick={() => navigate(`/applications/${a.id}`)}
                    data-testid="portal-application-link"
                  >
                    <ListItemText
                      primary={applicationTitle(a, t, lang)}
                      secondary={`${t(`cec.portal.app_status.${a.status}`)} · ${t('cec.portal.people_count', { smart_count: a.personCount })}`}
                    />
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          )}
          {session.election.windowOpen ? (
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <Button variant="contained" disabled={busy} onClick={() => start('direct')} data-testid="start-direct">
                {t('cec.portal.start_direct')}
              </Button>
              <Button variant="outlined" disabled={busy} onClick={() => start('mfa')}>
                {t('cec.portal.start_mfa')}
              </Button>
            </Stack>
          ) : null}
        </CardContent>
      </Card>
    </Stack>
  );
}
