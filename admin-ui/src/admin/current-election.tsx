/**
 * The election a reviewer works on: the grid, the dashboard, invitations and resolutions are all per
 * election. Chosen in the app bar, remembered in react-admin's store (localStorage).
 */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useEffect } from 'react';
import { useGetList, useLocaleState, useStore, useTranslate } from 'react-admin';
import type { ElectionView } from '../api/types';
import { asLang } from '../i18n/format';

export function useCurrentElectionId(): [string | null, (id: string | null) => void] {
  return useStore<string | null>('cec.electionId', null);
}

export function useElections() {
  return useGetList<ElectionView & { id: string }>('elections', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'votingDay', order: 'DESC' },
  });
}

/** The current election's record, picking the first one listed when none was chosen yet. */
export function useCurrentElection(): { election: (ElectionView & { id: string }) | undefined; isPending: boolean } {
  const [id, setId] = useCurrentElectionId();
  const { data, isPending } = useElections();
  const election = data?.find((e) => e.id === id);
  useEffect(() => {
    if (!isPending && data && data.length > 0 && !election) setId(data[0]!.id);
  }, [isPending, data, election, setId]);
  return { election, isPending };
}

export function ElectionSelect() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const [id, setId] = useCurrentElectionId();
  const { data } = useElections();
  if (!data || data.length === 0) return null;
  return (
    <TextField
      select
      size="small"
      variant="outlined"
      label={t('cec.election.select')}
      value={data.some((e) => e.id === id) ? id : ''}
      onChange={(e) => setId(e.target.value)}
      sx={{
        minWidth: 260,
        maxWidth: 380,
        mx: 1,
        '& .MuiInputBase-root': { color: 'inherit', bgcolor: 'rgba(255,255,255,0.12)' },
        '& .MuiInputLabel-root': { color: 'inherit' },
        '& .MuiSvgIcon-root': { color: 'inherit' },
      }}
      slotProps={{ htmlInput: { 'data-testid': 'election-select' } }}
    >
      {data.map((e) => (
        <MenuItem key={e.id} value={e.id}>
          {e.name[lang]} · {e.votingDay}
        </MenuItem>
      ))}
    </TextField>
  );
}
