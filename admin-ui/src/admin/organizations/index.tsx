/** Sending organizations (1.3, 3.9): name, type, country, the contact the access code goes to. */
import CorporateFareIcon from '@mui/icons-material/CorporateFare';
import {
  Create,
  Datagrid,
  Edit,
  FormDataConsumer,
  FunctionField,
  List,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { organizationInput, organizationPatch, organizationType } from '#schemas/organization';
import { pick, zodValidate } from '../zod-validate';
import type { Organization } from '../../api/types';
import { countryLabel, countryName } from '../../i18n/countries';
import { asLang } from '../../i18n/format';

const FIELDS = ['name', 'type', 'country', 'contactEmail', 'preferredLanguage'] as const;
const prepare = (v: Record<string, unknown>) => {
  const out = pick(v, FIELDS);
  const name = { ...((out.name as Record<string, string>) ?? {}) };
  for (const k of ['ru', 'en']) if (!name[k]) delete name[k];
  out.name = name;
  if (typeof out.country === 'string') out.country = out.country.toUpperCase();
  return out;
};

/** The organization's country as the reader names it: "Польша (PL)". */
function CountryField(_props: { source: 'country'; label?: string }) {
  const [locale] = useLocaleState();
  const lang = asLang(locale);
  return <FunctionField source="country" render={(r: Organization) => countryLabel(r.country, lang)} />;
}

/** The country is typed as its ISO code; the name the code stands for shows under the field as it is typed. */
function CountryInput() {
  const t = useTranslate();
  const [locale] = useLocaleState();
  const help = t('cec.org.country_help');
  return (
    <FormDataConsumer<{ country?: string }>>
      {({ formData }) => {
        const typed = typeof formData.country === 'string' ? formData.country.trim().toUpperCase() : '';
        const name = countryName(typed, asLang(locale));
        return <TextInput source="country" helperText={name && name !== typed ? `${name} · ${help}` : help} />;
      }}
    </FormDataConsumer>
  );
}

function OrganizationForm() {
  const t = useTranslate();
  return (
    <>
      <TextInput source="name.original" fullWidth label={t('cec.org.name_original')} />
      <TextInput source="name.ru" fullWidth label={t('cec.org.name_ru')} />
      <TextInput source="name.en" fullWidth label={t('cec.org.name_en')} />
      <SelectInput
        source="type"
        choices={organizationType.options.map((o) => ({ id: o, name: t(`cec.org_type.${o}`) }))}
      />
      <CountryInput />
      <TextInput source="contactEmail" type="email" />
      <SelectInput
        source="preferredLanguage"
        choices={[
          { id: 'ky', name: 'Кыргызча' },
          { id: 'ru', name: 'Русский' },
          { id: 'en', name: 'English' },
        ]}
      />
    </>
  );
}

function OrganizationList() {
  const t = useTranslate();
  return (
    <List exporter={false} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name.original" label={t('cec.org.name_original')} />
        <TextField source="name.en" label={t('cec.org.name_en')} />
        <FunctionField source="type" render={(r: Organization) => t(`cec.org_type.${r.type}`)} />
        <CountryField source="country" />
        <TextField source="contactEmail" />
        <TextField source="preferredLanguage" />
      </Datagrid>
    </List>
  );
}

function OrganizationShow() {
  const t = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name.original" label={t('cec.org.name_original')} />
        <TextField source="name.ru" label={t('cec.org.name_ru')} emptyText="—" />
        <TextField source="name.en" label={t('cec.org.name_en')} emptyText="—" />
        <FunctionField source="type" render={(r: Organization) => t(`cec.org_type.${r.type}`)} />
        <CountryField source="country" />
        <TextField source="contactEmail" />
        <TextField source="preferredLanguage" />
      </SimpleShowLayout>
    </Show>
  );
}

export const organizations = {
  list: OrganizationList,
  show: OrganizationShow,
  create: () => (
    <Create redirect="show" transform={prepare}>
      <SimpleForm validate={zodValidate(organizationInput, prepare)} defaultValues={{ preferredLanguage: 'en' }}>
        <OrganizationForm />
      </SimpleForm>
    </Create>
  ),
  edit: () => (
    <Edit
      redirect="show"
      mutationMode="pessimistic"
      transform={(v: Record<string, unknown>) => ({ ...prepare(v), version: v.version })}
    >
      <SimpleForm validate={zodValidate(organizationPatch, (v) => ({ ...prepare(v), version: v.version }))}>
        <OrganizationForm />
      </SimpleForm>
    </Edit>
  ),
  icon: CorporateFareIcon,
  recordRepresentation: (r: Organization) => r.name?.original ?? r.id,
};
