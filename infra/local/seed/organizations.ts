/** The demo's sending organizations, one of each kind (2.1). */
import type { OrganizationInput } from '#schemas/organization';

export type OrgKey = 'cis' | 'odihr' | 'kz' | 'embassy' | 'coalition';

export const ORGANIZATIONS: Record<OrgKey, OrganizationInput> = {
  cis: {
    name: { original: 'Исполнительный комитет СНГ', ru: 'Исполнительный комитет СНГ', en: 'CIS Executive Committee' },
    type: 'international_organization',
    country: 'RU',
    contactEmail: 'observers@cis-executive.example',
    preferredLanguage: 'ru',
  },
  odihr: {
    name: {
      original: 'OSCE Office for Democratic Institutions and Human Rights',
      ru: 'Бюро по демократическим институтам и правам человека ОБСЕ',
      en: 'OSCE/ODIHR',
    },
    type: 'international_organization',
    country: 'PL',
    contactEmail: 'elections@odihr.example',
    preferredLanguage: 'en',
  },
  kz: {
    name: {
      original: 'Қазақстан Республикасының Орталық сайлау комиссиясы',
      ru: 'Центральная избирательная комиссия Республики Казахстан',
      en: 'Central Election Commission of the Republic of Kazakhstan',
    },
    type: 'foreign_election_body',
    country: 'KZ',
    contactEmail: 'international@election-kz.example',
    preferredLanguage: 'ru',
  },
  embassy: {
    name: {
      original: 'Botschaft der Bundesrepublik Deutschland Bischkek',
      ru: 'Посольство Федеративной Республики Германия в Бишкеке',
      en: 'Embassy of the Federal Republic of Germany in Bishkek',
    },
    type: 'diplomatic_mission',
    country: 'DE',
    contactEmail: 'pol-1@bischkek-diplo.example',
    preferredLanguage: 'en',
  },
  coalition: {
    name: {
      original: 'Коалиция за демократию и гражданское общество',
      en: 'Coalition for Democracy and Civil Society',
    },
    type: 'non_profit_proposer',
    country: 'KG',
    contactEmail: 'office@coalition-kg.example',
    preferredLanguage: 'ru',
  },
};
