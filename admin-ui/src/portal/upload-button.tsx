/** One document's upload: choose a file, the API signs, the browser posts to storage with a progress bar. */
import UploadIcon from '@mui/icons-material/UploadFile';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { UPLOAD_LIMITS } from '#schemas/document';
import type { PortalApi, UploadRequest } from './portal-api';
import { useI18n } from './portal-i18n';
import { postToStorage } from './upload';

export function UploadButton({
  api,
  applicationId,
  kind,
  personId,
  label,
  onUploaded,
  testId,
}: {
  api: PortalApi;
  applicationId: string;
  kind: 'letter' | 'passport' | 'photo';
  personId?: string;
  label: string;
  onUploaded: () => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const limits = UPLOAD_LIMITS[kind];
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (!(limits.types as readonly string[]).includes(file.type)) {
      setError(t('cec.portal.upload_type', { types: limits.types.map((x) => x.split('/')[1]).join(', ') }));
      return;
    }
    if (file.size > limits.maxBytes) {
      setError(t('cec.portal.upload_too_large', { arg: Math.round(limits.maxBytes / 1024 / 1024) }));
      return;
    }
    setProgress(0);
    try {
      // The type was checked against the limits above.
      const contentType = file.type as UploadRequest['contentType'];
      const signed = await api.presignUpload(applicationId, { kind, personId, contentType });
      await postToStorage(signed, file, setProgress);
      onUploaded();
    } catch (e) {
      setError(t((e as Error).message));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Box sx={{ display: 'inline-flex', flexDirection: 'column', minWidth: 120 }}>
      <input
        ref={input}
        type="file"
        hidden
        accept={limits.types.join(',')}
        onChange={(e) => void choose(e.target.files?.[0])}
        data-testid={testId}
      />
      <Button
        size="small"
        startIcon={<UploadIcon />}
        disabled={progress !== null}
        onClick={() => input.current?.click()}
      >
        {label}
      </Button>
      {progress !== null ? (
        <LinearProgress
          variant="determinate"
          value={Math.round(progress * 100)}
          aria-label={label}
          data-testid="upload-progress"
        />
      ) : null}
      {error ? (
        <Typography variant="caption" color="error">
          {error}
        </Typography>
      ) : null}
    </Box>
  );
}
