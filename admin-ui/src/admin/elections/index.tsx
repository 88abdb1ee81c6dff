/** Elections: the calendar of each (2.2, 3.6, 3.7), created and corrected by CEC admins. */
import HowToVoteIcon from '@mui/icons-material/HowToVote';
import {
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NumberInput,
  SelectInput,
  Show,
  SimpleForm,
  TextInput,
  TopToolbar,
  EditButton,
  useLocaleState,
  useRecordContext,
  useTranslate,
  useCanAccess,
} from 'react-admin';
import { DayInput } from '../day-input';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import { electionInput, electionKind, electionPatch } from '#schemas/election';
import { asLang, formatDate } from '../../i18n/format';
import { pick, zodValidate } from '../zod-validate';
import { ElectionCalendarView } from './election-calendar';
import type { ElectionView } from '../../api/types';

type Row = ElectionView & { id: string };

function ElectionName() {
  const [locale] = useLocaleState();
  const r = useRecordContext<Row>();
  return r ? <span>{r.name[asLang(locale)]}</span> : null;
}

function DateCell({ source }: { source: 'calledOn' | 'votingDay' | 'resultsPublishedOn' }) {
  const [locale] = useLocaleState();
  const r = useRecordContext<Row>();
  return r ? <span>{formatDate(r[source], asLang(locale))}</span> : null;
}

function ElectionList() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  return (
    <List sort={{ field: 'votingDay', order: 'DESC' }} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <FunctionField label={t('resources.elections.fields.name')} render={() => <ElectionName />} />
        <FunctionField
          label={t('resources.elections.fields.kind')}
          render={(r: Row) => t(`cec.election_kind.${r.kind}`)}
        />
        <FunctionField label={t('resources.elections.fields.calledOn')} render={() => <DateCell source="calledOn" />} />
        <FunctionField
          label={t('cec.calendar.last_day')}
          render={(r: Row) => formatDate(r.calendar?.lastAccreditationDay, lang)}
        />
        <FunctionField
          label={t('resources.elections.fields.votingDay')}
          render={() => <DateCell source="votingDay" />}
        />
        <FunctionField
          label={t('cec.calendar.mandate_end')}
          render={(r: Row) => formatDate(r.calendar?.mandateEndsOn, lang)}
        />
        <FunctionField label={t('resources.elections.fields.phase')} render={(r: Row) => t(`cec.phase.${r.phase}`)} />
      </Datagrid>
    </List>
  );
}

function ShowActions() {
  const { canAccess } = useCanAccess({ resource: 'elections', action: 'edit' });
  return <TopToolbar>{canAccess ? <EditButton /> : null}</TopToolbar>;
}

function ElectionShowBody() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  const r = useRecordContext<Row>();
  if (!r) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" component="h2">
          {r.name[lang]}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t(`cec.election_kind.${r.kind}`)} · {t(`cec.phase.${r.phase}`)}
        </Typography>
        <ElectionCalendarView election={r} />
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
          <dt>{t('resources.elections.fields.calledOn')}</dt>
          <dd style={{ margin: 0 }}>{formatDate(r.calledOn, lang)}</dd>
          <dt>{t('cec.calendar.last_day')}</dt>
          <dd style={{ margin: 0 }}>
            {formatDate(r.calendar.lastAccreditationDay, lang)} (3.6, D − {r.windowOffsetDays})
          </dd>
          <dt>{t('resources.elections.fields.votingDay')}</dt>
          <dd style={{ margin: 0 }}>{formatDate(r.votingDay, lang)}</dd>
          {r.repeatVoting ? (
            <>
              <dt>{t('cec.calendar.repeat_voting')}</dt>
              <dd style={{ margin: 0 }}>{formatDate(r.repeatVoting.votingDay, lang)}</dd>
            </>
          ) : null}
          <dt>{t('resources.elections.fields.resultsPublishedOn')}</dt>
          <dd style={{ margin: 0 }}>{formatDate(r.resultsPublishedOn, lang) || '—'}</dd>
          <dt>{t('cec.calendar.mandate_end')}</dt>
          <dd style={{ margin: 0 }}>
            {formatDate(r.calendar.mandateEndsOn, lang) || t('cec.calendar.mandate_open')} (3.7)
          </dd>
        </Box>
      </CardContent>
    </Card>
  );
}

/** The page's title: the election's name in the reader's language (not its English name in quotes). */
function ElectionTitle() {
  const [locale] = useLocaleState();
  const r = useRecordContext<Row>();
  return <span>{r ? r.name[asLang(locale)] : ''}</span>;
}

function ElectionShow() {
  return (
    <Show actions={<ShowActions />} title={<ElectionTitle />}>
      <ElectionShowBody />
    </Show>
  );
}

const FIELDS = [
  'kind',
  'name',
  'calledOn',
  'votingDay',
  'windowOffsetDays',
  'resultsPublishedOn',
  'repeatVoting',
] as const;

function normalise(v: Record<string, unknown>) {
  const out = pick(v, FIELDS);
  if (out.resultsPublishedOn === '') out.resultsPublishedOn = null;
  const rv = out.repeatVoting as { votingDay?: string; resultsPublishedOn?: string | null } | null | undefined;
  if (rv && !rv.votingDay) out.repeatVoting = null;
  else if (rv && !rv.resultsPublishedOn) out.repeatVoting = { ...rv, resultsPublishedOn: null };
  return out;
}

function ElectionForm() {
  const t = useTranslate();
  return (
    <>
      <SelectInput
        source="kind"
        choices={electionKind.options.map((k) => ({ id: k, name: t(`cec.election_kind.${k}`) }))}
      />
      <TextInput source="name.ky" label={`${t('resources.elections.fields.name')} (кырг.)`} fullWidth />
      <TextInput source="name.ru" label={`${t('resources.elections.fields.name')} (рус.)`} fullWidth />
      <TextInput source="name.en" label={`${t('resources.elections.fields.name')} (English)`} fullWidth />
      <DayInput source="calledOn" helperText={t('cec.calendar.called_help')} />
      <DayInput source="votingDay" />
      <NumberInput source="windowOffsetDays" min={0} max={60} helperText={t('cec.calendar.offset_help')} />
      <DayInput source="resultsPublishedOn" helperText={t('cec.calendar.results_help')} />
      <DayInput source="repeatVoting.votingDay" label={t('cec.calendar.repeat_voting')} />
      <DayInput source="repeatVoting.resultsPublishedOn" label={t('cec.calendar.repeat_results')} />
    </>
  );
}

function ElectionCreate() {
  return (
    <Create redirect="show" transform={normalise}>
      <SimpleForm
        validate={zodValidate(electionInput, normalise)}
        defaultValues={{ windowOffsetDays: 3, kind: 'presidential' }}
      >
        <ElectionForm />
      </SimpleForm>
    </Create>
  );
}

function ElectionEdit() {
  return (
    <Edit
      title={<ElectionTitle />}
      redirect="show"
      mutationMode="pessimistic"
      transform={(v: Record<string, unknown>) => ({ ...normalise(v), version: v.version })}
    >
      <SimpleForm validate={zodValidate(electionPatch, (v) => ({ ...normalise(v), version: v.version }))}>
        <ElectionForm />
      </SimpleForm>
    </Edit>
  );
}

export const elections = {
  list: ElectionList,
  show: ElectionShow,
  create: ElectionCreate,
  edit: ElectionEdit,
  icon: HowToVoteIcon,
  recordRepresentation: (r: Row) => r.name?.en ?? r.id,
};
