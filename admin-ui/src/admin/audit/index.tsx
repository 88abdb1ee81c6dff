/**
 * The audit log: every write, who made it and the clause it rests on (design principle 5), each as a
 * sentence in the reader's language with the names of the people and organizations concerned. The
 * day is a Bishkek day, as the times shown are.
 */
import HistoryIcon from '@mui/icons-material/History';
import { Datagrid, FunctionField, List, useLocaleState, useTranslate } from 'react-admin';
import type { NamedAuditEntry } from '#schemas/audit';
import { asLang, bishkekToday, formatInstant } from '../../i18n/format';
import { DayInput } from '../day-input';
import { describeAudit } from './describe';
import { WithNames } from './verbatim';

/** The API reads the log by day (here a Bishkek day), by entity or by actor: the day is always given. */
const filters = [<DayInput key="bishkekDay" source="bishkekDay" alwaysOn />];

function AuditList() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  return (
    <List filters={filters} filterDefaultValues={{ bishkekDay: bishkekToday() }} exporter={false} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <FunctionField
          source="at"
          sx={{ whiteSpace: 'nowrap' }}
          render={(r: NamedAuditEntry) => formatInstant(r.at, lang)}
        />
        <FunctionField
          label={t('resources.audit.fields.what')}
          render={(r: NamedAuditEntry) => (
            <span data-testid="audit-line">
              <WithNames
                text={describeAudit(r, t, lang)}
                names={[r.subjectName?.[lang], r.actorName?.[lang], r.actor.label]}
              />
            </span>
          )}
        />
        <FunctionField source="clause" render={(r: NamedAuditEntry) => r.clause ?? ''} />
      </Datagrid>
    </List>
  );
}

export const audit = { list: AuditList, icon: HistoryIcon };
