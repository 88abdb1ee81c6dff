/** Sign-in with the access code from the invitation email (`<invitation>.<secret>`). */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { accessCode } from '#schemas/portal';
import { navigate } from './navigation';
import type { PortalApi } from './portal-api';
import { useI18n } from './portal-i18n';

export function PortalSignIn({ api }: { api: PortalApi }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!accessCode.safeParse(code).success) {
      setError(t('cec.portal.code_format'));
      return;
    }
    setBusy(true);
    try {
      await api.signIn(code);
      navigate('/');
    } catch (err) {
      setError(err instanceof Error ? t(err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card sx={{ maxWidth: 520, mx: 'auto', mt: 6 }} data-testid="portal-sign-in">
      <CardContent>
        <form onSubmit={submit}>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1">
              {t('cec.portal.sign_in_title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('cec.portal.sign_in_help')}
            </Typography>
            <TextField
              autoFocus
              fullWidth
              label={t('cec.portal.access_code')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', 'data-testid': 'access-code' } }}
              placeholder="01J…XYZ.ABCD…"
            />
            {error ? <Alert severity="error">{error}</Alert> : null}
            <Button
              type="submit"
              variant="contained"
              disabled={busy || !code.trim()}
              data-testid="portal-sign-in-submit"
            >
              {t('cec.portal.sign_in')}
            </Button>
          </Stack>
        </form>
      </CardContent>
    </Card>
  );
}
