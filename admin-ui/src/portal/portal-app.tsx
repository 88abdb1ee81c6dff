/**
 * The organizations' portal (#/portal/...): sign in with the access code from the invitation email,
 * then the application, its representatives and their documents, submission, and the decisions.
 * Plain MUI and a hand-written hash router: no react-admin here, so the pages load fast abroad.
 */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import CssBaseline from '@mui/material/CssBaseline';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { ThemeProvider, createTheme } from '@mui/material/styles';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo } from 'react';
import type { UiConfig } from '../config';
import { LANGS, type Lang } from '../i18n/format';
import { ApplicationPage } from './application-page';
import { navigate, useHashPath } from './navigation';
import { PortalHome } from './portal-home';
import { PortalI18n, useI18n } from './portal-i18n';
import { createPortalApi, forgetSession, storedSession, type PortalApi } from './portal-api';
import { PortalSignIn } from './portal-sign-in';

const theme = createTheme({
  palette: {
    primary: { main: '#0b4f8a' },
    // MUI's default warning orange carries white text at 3.1:1; this one at 5.0:1 (WCAG AA), as in the staff app.
    warning: { main: '#b45309', contrastText: '#ffffff' },
  },
  typography: { fontSize: 14 },
});

const LANG_NAMES: Record<Lang, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

function Shell({ api }: { api: PortalApi }) {
  const { t, lang, setLang } = useI18n();
  const path = useHashPath();
  const signedIn = storedSession() !== null;
  useEffect(() => {
    if (!signedIn && path !== '/sign-in') navigate('/sign-in');
  }, [signedIn, path]);
  let page: React.ReactNode = null;
  const app = /^\/applications\/([0-9A-Z]{26})/.exec(path);
  if (path === '/sign-in' || !signedIn) page = <PortalSignIn api={api} />;
  else if (app) page = <ApplicationPage api={api} applicationId={app[1]!} />;
  else page = <PortalHome api={api} />;
  return (
    <>
      <AppBar position="static" elevation={0} component="header">
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="subtitle1" component="p" sx={{ flex: 1 }}>
            {t('cec.portal.title')}
          </Typography>
          <Select
            size="small"
            value={lang}
            onChange={(e) => setLang(e.target.value as Lang)}
            sx={{ color: 'inherit', '& .MuiSvgIcon-root': { color: 'inherit' }, '& fieldset': { border: 0 } }}
            inputProps={{ 'aria-label': t('cec.lang.label') }}
            data-testid="portal-lang"
          >
            {LANGS.map((l) => (
              <MenuItem key={l} value={l}>
                {LANG_NAMES[l]}
              </MenuItem>
            ))}
          </Select>
          {signedIn ? (
            <Button
              color="inherit"
              onClick={() => {
                forgetSession();
                navigate('/sign-in');
              }}
            >
              {t('cec.portal.sign_out')}
            </Button>
          ) : null}
        </Toolbar>
      </AppBar>
      <Container maxWidth="lg" sx={{ py: 3 }}>
        <Box component="main">{page}</Box>
      </Container>
    </>
  );
}

export function PortalApp({ config }: { config: UiConfig }) {
  const api = useMemo(() => createPortalApi(config.apiUrl), [config.apiUrl]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <PortalI18n>
        <Shell api={api} />
      </PortalI18n>
    </ThemeProvider>
  );
}
