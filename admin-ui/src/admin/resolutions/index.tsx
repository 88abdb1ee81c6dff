/** Resolutions (3.3): drafts composed from the grid, adopted with a confirmation, the outcome per person. */
import GavelIcon from '@mui/icons-material/Gavel';
import { Datagrid, FunctionField, List, TextField, useLocaleState, useTranslate } from 'react-admin';
import type { Resolution } from '../../api/types';
import { asLang, formatDate } from '../../i18n/format';
import { WithElection } from '../election-scoped';
import { ResolutionShow } from './resolution-show';

function ResolutionList() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  return (
    <WithElection>
      {(electionId) => (
        <List filter={{ electionId }} exporter={false} storeKey={`resolutions.${electionId}`}>
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <TextField source="number" />
            <FunctionField source="adoptedOn" render={(r: Resolution) => formatDate(r.adoptedOn, lang)} />
            <FunctionField source="kind" render={(r: Resolution) => t(`cec.resolution.kind_${r.kind}`)} />
            <FunctionField source="status" render={(r: Resolution) => t(`cec.resolution.status_${r.status}`)} />
            <TextField source="title" emptyText="" />
            <FunctionField
              label={t('cec.resolution.items')}
              render={(r: Resolution) =>
                `${r.itemCount} (${t('cec.item.accredit')} ${r.counts.accredit} · ${t('cec.item.refuse')} ${r.counts.refuse}${r.counts.revoke ? ` · ${t('cec.item.revoke')} ${r.counts.revoke}` : ''})`
              }
            />
          </Datagrid>
        </List>
      )}
    </WithElection>
  );
}

export const resolutions = {
  list: ResolutionList,
  show: ResolutionShow,
  icon: GavelIcon,
  recordRepresentation: (r: Resolution) => `№${r.number}`,
};
