/**
 * Staff sign-in, step by step as the user pool asks (the twin's issuer asks the same way):
 * e-mail and password; for an account an admin created, a new password in place of the temporary one;
 * at the first sign-in, setting up an authenticator app (a QR code of the `otpauth://` URI, and the key
 * as text for typing) confirmed by its first code; afterwards, every time, the app's six-digit code.
 * Each refusal is shown in an alert (read out by screen readers) next to the field it concerns.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import { LocalesMenuButton, Login, useAuthProvider, useLogin, useTranslate } from 'react-admin';
import { type CecAuthProvider, type LoginParams, SignInChallenge } from '../auth/auth-provider';
import { type Challenge, SignInError, otpauthUri } from '../auth/token-backends';
import { uiConfig } from '../config';

type Step =
  | { kind: 'password' }
  | { kind: 'code'; challenge: Challenge }
  | { kind: 'new-password'; challenge: Challenge }
  | { kind: 'setup'; challenge: Challenge; secret?: string; qr?: string };

const SIX_DIGITS = /^\d{6}$/;

function errorKey(e: unknown): string {
  if (e instanceof SignInError || e instanceof Error) return e.message;
  return 'ra.auth.sign_in_error';
}

export function LoginPage() {
  const t = useTranslate();
  const local = uiConfig().auth.kind === 'local';
  // The page is the sign-in and nothing else: its whole frame is the main landmark, its title the one h1.
  return (
    <Login role="main">
      <Box sx={{ px: 2, pt: 1, textAlign: 'center' }}>
        <Typography variant="subtitle1" component="h1">
          {t('cec.app.title')}
        </Typography>
        <LocalesMenuButton />
      </Box>
      <SignInSteps />
      {local ? (
        <Typography variant="caption" component="p" sx={{ px: 2, pb: 2, color: 'text.secondary', maxWidth: 360 }}>
          {t('cec.auth.demo_hint')}
        </Typography>
      ) : null}
    </Login>
  );
}

function SignInSteps() {
  const t = useTranslate();
  const login = useLogin();
  const authProvider = useAuthProvider() as CecAuthProvider | undefined;
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [account, setAccount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  /** One call to the pool: a challenge moves to its step, a refusal shows its message, tokens sign in. */
  const run = async (params: LoginParams) => {
    setBusy(true);
    setError(null);
    try {
      await login(params);
    } catch (e) {
      if (e instanceof SignInChallenge) {
        const c = e.challenge;
        setStep(
          c.name === 'SOFTWARE_TOKEN_MFA'
            ? { kind: 'code', challenge: c }
            : c.name === 'NEW_PASSWORD_REQUIRED'
              ? { kind: 'new-password', challenge: c }
              : { kind: 'setup', challenge: c },
        );
      } else {
        const key = errorKey(e);
        // An expired or spent session cannot take another answer: start again from the password.
        if (key === 'cec.auth.session_expired') setStep({ kind: 'password' });
        setError(key);
      }
    } finally {
      setBusy(false);
    }
  };

  // MFA_SETUP: ask the pool for a secret once, then draw its QR code.
  const setupChallenge = step.kind === 'setup' && !step.secret ? step.challenge : null;
  useEffect(() => {
    if (!setupChallenge || !authProvider) return;
    let cancelled = false;
    (async () => {
      try {
        const { secret, challenge } = await authProvider.associateTotp(setupChallenge);
        const qr = await QRCode.toString(otpauthUri(secret, account || challenge.username), {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 4,
        });
        if (!cancelled) setStep({ kind: 'setup', challenge, secret, qr });
      } catch (e) {
        if (cancelled) return;
        setStep({ kind: 'password' });
        setError(errorKey(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [setupChallenge, authProvider, account]);

  const alert = error ? (
    <Alert severity="error" id={errorId} data-testid="sign-in-error">
      {t(error, { _: t('ra.auth.sign_in_error') })}
    </Alert>
  ) : null;
  const describedBy = error ? errorId : undefined;

  return (
    <Box sx={{ px: 2, pb: 2, width: 360, maxWidth: '100%', boxSizing: 'border-box' }}>
      {step.kind === 'password' ? (
        <PasswordStep
          busy={busy}
          alert={alert}
          describedBy={describedBy}
          onSubmit={(username, password) => {
            setAccount(username.trim());
            return run({ username, password });
          }}
        />
      ) : step.kind === 'new-password' ? (
        <NewPasswordStep
          busy={busy}
          alert={alert}
          describedBy={describedBy}
          onMismatch={() => setError('cec.auth.password_mismatch')}
          onSubmit={(newPassword) => run({ challenge: step.challenge, newPassword })}
        />
      ) : (
        <CodeStep
          key={`${step.kind}-${step.kind === 'setup' ? Boolean(step.secret) : ''}`}
          busy={busy || (step.kind === 'setup' && !step.secret)}
          alert={alert}
          describedBy={describedBy}
          title={t(step.kind === 'setup' ? 'cec.auth.setup_title' : 'cec.auth.code_title')}
          onBadFormat={() => setError('cec.auth.code_format')}
          onBack={() => {
            setError(null);
            setStep({ kind: 'password' });
          }}
          onSubmit={(code) =>
            run(
              step.kind === 'setup'
                ? { challenge: step.challenge, setupCode: code }
                : { challenge: step.challenge, code },
            )
          }
        >
          {step.kind === 'setup' ? <SetupHelp secret={step.secret} qr={step.qr} /> : null}
        </CodeStep>
      )}
    </Box>
  );
}

interface StepProps {
  busy: boolean;
  alert: React.ReactNode;
  describedBy?: string;
}

function PasswordStep({ busy, alert, describedBy, onSubmit }: StepProps & { onSubmit(u: string, p: string): void }) {
  const t = useTranslate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(username, password);
      }}
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <TextField
          name="username"
          label={t('ra.auth.username')}
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          slotProps={{ htmlInput: { 'aria-describedby': describedBy } }}
        />
        <TextField
          name="password"
          type="password"
          label={t('ra.auth.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          slotProps={{ htmlInput: { 'aria-describedby': describedBy } }}
        />
        {alert}
        <Button type="submit" variant="contained" disabled={busy || !username || !password}>
          {t('ra.auth.sign_in')}
        </Button>
      </Stack>
    </form>
  );
}

function NewPasswordStep({
  busy,
  alert,
  describedBy,
  onSubmit,
  onMismatch,
}: StepProps & { onSubmit(p: string): void; onMismatch(): void }) {
  const t = useTranslate();
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const rulesId = useId();
  const described = [rulesId, describedBy].filter(Boolean).join(' ');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (first !== second) onMismatch();
        else onSubmit(first);
      }}
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <Typography variant="h6" component="h2">
          {t('cec.auth.new_password_title')}
        </Typography>
        <Typography variant="body2" id={rulesId}>
          {t('cec.auth.new_password_intro')}
        </Typography>
        <TextField
          name="new-password"
          type="password"
          label={t('cec.auth.new_password')}
          autoComplete="new-password"
          autoFocus
          required
          value={first}
          onChange={(e) => setFirst(e.target.value)}
          slotProps={{ htmlInput: { 'aria-describedby': described } }}
        />
        <TextField
          name="new-password-repeat"
          type="password"
          label={t('cec.auth.new_password_repeat')}
          autoComplete="new-password"
          required
          value={second}
          onChange={(e) => setSecond(e.target.value)}
          slotProps={{ htmlInput: { 'aria-describedby': describedBy } }}
        />
        {alert}
        <Button type="submit" variant="contained" disabled={busy || !first || !second}>
          {t('cec.auth.continue')}
        </Button>
      </Stack>
    </form>
  );
}

function CodeStep({
  busy,
  alert,
  describedBy,
  title,
  children,
  onSubmit,
  onBadFormat,
  onBack,
}: StepProps & {
  title: string;
  children?: React.ReactNode;
  onSubmit(code: string): void;
  onBadFormat(): void;
  onBack(): void;
}) {
  const t = useTranslate();
  const [code, setCode] = useState('');
  const helpId = useId();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const digits = code.replace(/\s+/g, '');
        if (!SIX_DIGITS.test(digits)) onBadFormat();
        else {
          onSubmit(digits);
          setCode('');
        }
      }}
    >
      <Stack spacing={2} sx={{ mt: 1 }}>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        {children}
        <TextField
          name="code"
          label={t('cec.auth.code')}
          helperText={t('cec.auth.code_help')}
          autoComplete="one-time-code"
          autoFocus
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          slotProps={{
            formHelperText: { id: helpId },
            htmlInput: {
              inputMode: 'numeric',
              pattern: '[0-9]*',
              maxLength: 7,
              'aria-describedby': [helpId, describedBy].filter(Boolean).join(' '),
            },
          }}
        />
        {alert}
        <Button type="submit" variant="contained" disabled={busy || !code}>
          {t('cec.auth.verify')}
        </Button>
        <Button type="button" onClick={onBack}>
          {t('cec.auth.back')}
        </Button>
      </Stack>
    </form>
  );
}

function SetupHelp({ secret, qr }: { secret?: string; qr?: string }) {
  const t = useTranslate();
  const secretId = useId();
  return (
    <>
      <Typography variant="body2">{t('cec.auth.setup_intro')}</Typography>
      {qr && secret ? (
        <>
          <Box
            component="img"
            data-testid="totp-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`}
            alt={t('cec.auth.qr_alt')}
            sx={{ width: 220, height: 220, alignSelf: 'center', bgcolor: '#fff' }}
          />
          <Typography variant="body2" id={secretId}>
            {t('cec.auth.secret_label')}
          </Typography>
          <Typography
            component="code"
            data-testid="totp-secret"
            aria-labelledby={secretId}
            sx={{ fontFamily: 'monospace', fontSize: '1.1rem', wordBreak: 'break-all', userSelect: 'all' }}
          >
            {secret.replace(/(.{4})/g, '$1 ').trim()}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" role="status">
          {t('cec.auth.setup_loading')}
        </Typography>
      )}
    </>
  );
}
