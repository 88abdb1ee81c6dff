/** Sign-in: the local issuer's demo users on the twin, Cognito in AWS; the language can be chosen first. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin';
import { uiConfig } from '../config';

export function LoginPage() {
  const t = useTranslate();
  const local = uiConfig().auth.kind === 'local';
  return (
    <Login>
      <Box sx={{ px: 2, pt: 1, textAlign: 'center' }}>
        <Typography variant="subtitle1">{t('cec.app.title')}</Typography>
        <LocalesMenuButton />
      </Box>
      <LoginForm />
      {local ? (
        <Typography variant="caption" component="p" sx={{ px: 2, pb: 2, color: 'text.secondary' }}>
          {t('cec.auth.demo_hint')}
        </Typography>
      ) : null}
    </Login>
  );
}
