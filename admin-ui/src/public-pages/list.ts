/**
 * The published list of accredited observers of one election (3.3), at the stable address
 * `/list/<electionId>` the CEC can link from its own site: search by name, filters by organization,
 * country and status, counts, the time of the last change, and the CSV download, in Kyrgyz, Russian
 * and English. The whole list is read once (pages of 500 from the public API) and filtered here, so
 * typing in the search box costs no request.
 *
 * `?extract=<id>&sig=…` (the QR code of a register extract) adds a line saying whether the extract
 * was issued by the Commission, and when.
 */
import { type Lang, type Text, bishkekTime, countryName, currentLang, day, getJson, h, header } from './common';

type Status = 'accredited' | 'revoked' | 'expired';

interface Row {
  name: { latin: string; cyrillic: string };
  organization: { id: string; name: string; names: { original: string; ru?: string; en?: string } };
  country: string;
  certificateNumber: string | null;
  status: Status;
}
interface Page {
  data: Row[];
  nextCursor: string | null;
  total: number;
}
interface Summary {
  total: number;
  counts: Record<Status, number>;
  lastChangedAt: string | null;
}
interface Election {
  id: string;
  name: Text;
  votingDay: string;
}
interface ExtractCheck {
  status: 'genuine' | 'unknown';
  extractId: string;
  extract?: { issuedAt: string; asOf: string; resolutionNumber: string | null; count: number; sha256: string };
}

const L = {
  title: {
    ky: 'Аккредитацияланган эл аралык байкоочулар',
    ru: 'Аккредитованные международные наблюдатели',
    en: 'Accredited international observers',
  },
  search: { ky: 'Аты-жөнү боюнча издөө', ru: 'Поиск по фамилии, имени', en: 'Search by name' },
  allOrgs: { ky: 'Бардык уюмдар', ru: 'Все организации', en: 'All organizations' },
  allCountries: { ky: 'Бардык өлкөлөр', ru: 'Все страны', en: 'All countries' },
  allStatuses: { ky: 'Бардык абалдар', ru: 'Все статусы', en: 'All statuses' },
  total: { ky: 'Бардыгы', ru: 'Всего', en: 'Total' },
  shown: { ky: 'Көрсөтүлдү', ru: 'Показано', en: 'Shown' },
  changed: { ky: 'Акыркы өзгөртүү', ru: 'Последнее изменение', en: 'Last change' },
  never: { ky: 'азырынча өзгөртүү жок', ru: 'изменений пока нет', en: 'no change yet' },
  csv: { ky: 'CSV жүктөп алуу', ru: 'Скачать CSV', en: 'Download CSV' },
  name: { ky: 'Аты-жөнү', ru: 'Фамилия, имя', en: 'Name' },
  organization: { ky: 'Уюм', ru: 'Организация', en: 'Organization' },
  country: { ky: 'Өлкө', ru: 'Страна', en: 'Country' },
  number: { ky: 'Күбөлүк №', ru: '№ удостоверения', en: 'Certificate No.' },
  status: { ky: 'Абалы', ru: 'Статус', en: 'Status' },
  voting: { ky: 'Добуш берүү күнү', ru: 'День голосования', en: 'Voting day' },
  none: { ky: 'Эч ким табылган жок', ru: 'Никого не найдено', en: 'Nobody found' },
  missing: { ky: 'Мындай шайлоо жок', ru: 'Таких выборов нет', en: 'No such election' },
  failed: {
    ky: 'Тизме жүктөлгөн жок: кайра аракет кылыңыз',
    ru: 'Список не загрузился: попробуйте ещё раз',
    en: 'The list did not load: try again',
  },
  extractOk: {
    ky: 'Бул көчүрмө БШК тарабынан берилген',
    ru: 'Эта выписка выдана ЦИК',
    en: 'This extract was issued by the CEC',
  },
  extractBad: {
    ky: 'Мындай көчүрмө табылган жок: ал БШК тарабынан берилген эмес же QR-код бузулган',
    ru: 'Такая выписка не найдена: она не выдавалась ЦИК или QR-код искажён',
    en: 'No such extract: it was not issued by the CEC, or the QR code was altered',
  },
  asOf: { ky: 'абалы боюнча', ru: 'по состоянию на', en: 'as of' },
  people: { ky: 'адам', ru: 'чел.', en: 'people' },
} satisfies Record<string, Text>;

const STATUS: Record<Status, Text> = {
  accredited: { ky: 'аккредитацияланган', ru: 'аккредитован', en: 'accredited' },
  revoked: { ky: 'жокко чыгарылган (4.7)', ru: 'отозван (4.7)', en: 'revoked (4.7)' },
  expired: { ky: 'мөөнөтү бүткөн (3.7)', ru: 'полномочия истекли (3.7)', en: 'expired (3.7)' },
};

const fold = (s: string) =>
  s
    .toLocaleLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

function orgName(r: Row, lang: Lang): string {
  const n = r.organization.names;
  return (lang === 'en' ? n.en : lang === 'ru' ? n.ru : undefined) ?? n.original ?? r.organization.name;
}

async function loadAll(electionId: string): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: Page = await getJson<Page>(`/v1/public/elections/${encodeURIComponent(electionId)}/observers?${q}`);
    rows.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function main(): Promise<void> {
  const app = document.getElementById('app') as HTMLElement;
  const electionId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
  const params = new URLSearchParams(location.search);
  let lang = currentLang();
  const e = encodeURIComponent(electionId);
  let election: Election;
  let summary: Summary;
  let rows: Row[];
  let extract: ExtractCheck | null = null;
  try {
    const extractId = params.get('extract');
    const sig = params.get('sig');
    [election, summary, rows, extract] = await Promise.all([
      getJson<Election>(`/v1/public/elections/${e}`),
      getJson<Summary>(`/v1/public/elections/${e}/observers/summary`),
      loadAll(electionId),
      extractId && sig
        ? getJson<ExtractCheck>(
            `/v1/public/extracts/${e}/${encodeURIComponent(extractId)}?sig=${encodeURIComponent(sig)}`,
          ).catch(() => ({ status: 'unknown' as const, extractId }))
        : Promise.resolve(null),
    ]);
  } catch (err) {
    const status = (err as { status?: number }).status;
    app.replaceChildren(
      header(lang, () => location.reload()),
      h('p', { class: 'notice bad' }, status === 404 || status === 400 ? L.missing[lang] : L.failed[lang]),
    );
    return;
  }

  const state = { q: params.get('q') ?? '', org: '', country: '', status: '' };

  function render(): void {
    document.documentElement.lang = lang;
    document.title = `${L.title[lang]} · ${election.name[lang]}`;
    const orgs = new Map<string, string>();
    const countries = new Set<string>();
    for (const r of rows) {
      orgs.set(r.organization.id, orgName(r, lang));
      countries.add(r.country);
    }
    const search = h('input', {
      type: 'search',
      placeholder: L.search[lang],
      'aria-label': L.search[lang],
      value: state.q,
    });
    const orgSelect = select(
      L.allOrgs[lang],
      [...orgs].sort((a, b) => a[1].localeCompare(b[1])),
      state.org,
      L.organization[lang],
    );
    const countrySelect = select(
      L.allCountries[lang],
      [...countries].map((c) => [c, countryName(c, lang)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1])),
      state.country,
      L.country[lang],
    );
    const statusSelect = select(
      L.allStatuses[lang],
      (['accredited', 'revoked', 'expired'] as Status[]).map((s) => [s, STATUS[s][lang]] as [string, string]),
      state.status,
      L.status[lang],
    );
    const tbody = h('tbody');
    const shown = h('span', {});
    const refill = () => {
      const q = fold(state.q.trim());
      const hits = rows.filter(
        (r) =>
          (!q || fold(`${r.name.latin} ${r.name.cyrillic}`).includes(q)) &&
          (!state.org || r.organization.id === state.org) &&
          (!state.country || r.country === state.country) &&
          (!state.status || r.status === state.status),
      );
      shown.textContent = `${L.shown[lang]}: ${hits.length}`;
      tbody.replaceChildren(
        ...(hits.length === 0
          ? [h('tr', {}, h('td', { colspan: '5' }, L.none[lang]))]
          : hits.map((r) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  r.name.cyrillic.trim() || r.name.latin,
                  r.name.cyrillic.trim() ? h('small', {}, r.name.latin) : null,
                ),
                h('td', {}, orgName(r, lang)),
                h('td', {}, countryName(r.country, lang)),
                h('td', {}, r.certificateNumber ?? ''),
                h('td', {}, h('span', { class: `badge ${r.status}` }, STATUS[r.status][lang])),
              ),
            )),
      );
    };
    search.addEventListener('input', () => {
      state.q = search.value;
      refill();
    });
    for (const [el, key] of [
      [orgSelect, 'org'],
      [countrySelect, 'country'],
      [statusSelect, 'status'],
    ] as const) {
      el.addEventListener('change', () => {
        state[key] = el.value;
        refill();
      });
    }
    const c = summary.counts;
    const counts = h(
      'div',
      { class: 'counts' },
      h('span', {}, `${L.total[lang]}: ${summary.total}`),
      ...(['accredited', 'revoked', 'expired'] as Status[]).map((s) =>
        h('span', {}, `${STATUS[s][lang]}: ${c[s] ?? 0}`),
      ),
      shown,
    );
    const notice = extract
      ? extract.status === 'genuine' && extract.extract
        ? h(
            'p',
            { class: 'notice', 'data-extract': 'genuine' },
            `${L.extractOk[lang]}: ${bishkekTime(extract.extract.issuedAt)}; ${L.asOf[lang]} ${bishkekTime(extract.extract.asOf)}${extract.extract.resolutionNumber ? ` (№ ${extract.extract.resolutionNumber})` : ''}; ${extract.extract.count} ${L.people[lang]}. SHA-256 ${extract.extract.sha256.slice(0, 16)}…`,
          )
        : h('p', { class: 'notice bad', 'data-extract': 'unknown' }, L.extractBad[lang])
      : null;
    app.replaceChildren(
      header(lang, (l) => {
        lang = l;
        render();
      }),
      h('h1', {}, `${L.title[lang]}: ${election.name[lang]}`),
      h(
        'p',
        { class: 'muted' },
        `${L.voting[lang]}: ${day(election.votingDay)} · ${L.changed[lang]}: ${summary.lastChangedAt ? bishkekTime(summary.lastChangedAt) : L.never[lang]} (${lang === 'en' ? 'Bishkek time' : lang === 'ru' ? 'время Бишкека' : 'Бишкек убактысы'})`,
      ),
      ...(notice ? [notice] : []),
      counts,
      h(
        'p',
        {},
        h(
          'a',
          { class: 'button', href: `/v1/public/elections/${e}/observers.csv?lang=${lang}`, download: '' },
          L.csv[lang],
        ),
      ),
      h('div', { class: 'filters' }, search, orgSelect, countrySelect, statusSelect),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, L.name[lang]),
            h('th', {}, L.organization[lang]),
            h('th', {}, L.country[lang]),
            h('th', {}, L.number[lang]),
            h('th', {}, L.status[lang]),
          ),
        ),
        tbody,
      ),
    );
    refill();
  }
  render();
}

function select(all: string, options: [string, string][], value: string, label: string): HTMLSelectElement {
  const el = h('select', { 'aria-label': label }, h('option', { value: '' }, all));
  for (const [v, text] of options) el.append(h('option', { value: v }, text));
  el.value = value;
  return el;
}

void main();
