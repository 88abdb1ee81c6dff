/** Lists that belong to the current election: the election chosen in the app bar is their filter. */
import Alert from '@mui/material/Alert';
import type { ReactElement } from 'react';
import { Loading, useTranslate } from 'react-admin';
import { useCurrentElection } from './current-election';

export function WithElection({ children }: { children: (electionId: string) => ReactElement }) {
  const t = useTranslate();
  const { election, isPending } = useCurrentElection();
  if (isPending) return <Loading />;
  if (!election) return <Alert severity="info">{t('cec.election.none')}</Alert>;
  return children(election.id);
}
