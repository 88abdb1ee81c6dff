/**
 * The certificate check a QR code opens (3.4): `/verify/<electionId>/<number>?sig=…`. It asks the
 * API (`/v1/public/certificates/…`, never cached, so a revocation shows at once, 4.7) and says in
 * large words and colour whether the certificate is valid, revoked, expired (3.7) or unknown, with
 * the number, name, organization, country, the day through which it is valid, and the photo printed
 * on the card (a 5-minute link the API gives only with a signature that verifies).
 */
import { type Lang, type Text, bishkekTime, countryName, currentLang, day, getJson, h, header } from './common';

type Status = 'valid' | 'revoked' | 'expired' | 'unknown';

interface Verification {
  status: Status;
  number: string;
  checkedAt: string;
  certificate?: {
    name: { latin: string; cyrillic: string };
    organization: string;
    country: string;
    election: { id: string; name: Text };
    mandateEndedOn: string | null;
    validThrough?: string | null;
    votingDay?: string;
    repeatVotingDay?: string | null;
    photoUrl?: string | null;
  };
}

const STATUS: Record<Status, { word: Text; line: Text }> = {
  valid: {
    word: { ky: 'ЖАРАКТУУ', ru: 'ДЕЙСТВИТЕЛЬНО', en: 'VALID' },
    line: {
      ky: 'Бул күбөлүк БШК тарабынан берилген жана күчүндө',
      ru: 'Удостоверение выдано ЦИК и действует',
      en: 'This certificate was issued by the CEC and is in force',
    },
  },
  revoked: {
    word: { ky: 'ЖОККО ЧЫГАРЫЛГАН', ru: 'ОТОЗВАНО', en: 'REVOKED' },
    line: {
      ky: 'Аккредитация БШКнын токтому менен жокко чыгарылган (4.7-п.): күбөлүк жараксыз',
      ru: 'Аккредитация отозвана постановлением ЦИК (п. 4.7): удостоверение недействительно',
      en: 'Accreditation withdrawn by a CEC resolution (4.7): the certificate is not valid',
    },
  },
  expired: {
    word: { ky: 'МӨӨНӨТҮ БҮТКӨН', ru: 'СРОК ИСТЁК', en: 'EXPIRED' },
    line: {
      ky: 'Шайлоонун жыйынтыктары жарыяланды, ыйгарым укуктар бүттү (3.7-п.)',
      ru: 'Итоги выборов опубликованы, полномочия прекращены (п. 3.7)',
      en: 'The results were published and the mandate has ended (3.7)',
    },
  },
  unknown: {
    word: { ky: 'ТАБЫЛГАН ЖОК', ru: 'НЕ НАЙДЕНО', en: 'UNKNOWN' },
    line: {
      ky: 'Мындай күбөлүк жок же QR-код бузулган: күбөлүктү кабыл албаңыз',
      ru: 'Такого удостоверения нет или QR-код искажён: не принимайте удостоверение',
      en: 'No such certificate, or the QR code was altered: do not accept it',
    },
  },
};

const L = {
  title: { ky: 'Күбөлүктү текшерүү', ru: 'Проверка удостоверения', en: 'Certificate check' },
  number: { ky: 'Күбөлүктүн номери', ru: 'Номер удостоверения', en: 'Certificate number' },
  name: { ky: 'Аты-жөнү', ru: 'Фамилия, имя', en: 'Name' },
  organization: { ky: 'Уюм', ru: 'Организация', en: 'Organization' },
  country: { ky: 'Өлкө', ru: 'Страна', en: 'Country' },
  election: { ky: 'Шайлоо', ru: 'Выборы', en: 'Election' },
  validThrough: { ky: 'Жарактуу мөөнөтү', ru: 'Действительно по', en: 'Valid through' },
  ended: { ky: 'Ыйгарым укуктар бүткөн күн', ru: 'Полномочия прекращены', en: 'Mandate ended on' },
  checked: { ky: 'Текшерилди', ru: 'Проверено', en: 'Checked' },
  photo: { ky: 'Байкоочунун сүрөтү', ru: 'Фото наблюдателя', en: 'Photo of the observer' },
  showId: {
    ky: 'Күбөлүк өздүгүн күбөлөндүрүүчү документ менен бирге көрсөтүлөт (4.3-п.)',
    ru: 'Удостоверение предъявляется вместе с документом, удостоверяющим личность (п. 4.3)',
    en: 'The certificate is shown with an identity document (4.3)',
  },
  failed: {
    ky: 'Текшерүү аткарылган жок: байланышты текшерип, кайра аракет кылыңыз',
    ru: 'Проверка не выполнена: проверьте связь и попробуйте ещё раз',
    en: 'The check did not complete: check the connection and try again',
  },
  retry: { ky: 'Кайра текшерүү', ru: 'Проверить ещё раз', en: 'Check again' },
} satisfies Record<string, Text>;

/** 3.7: through the results' publication day once known; before that, until it (voting days given). */
function validity(c: NonNullable<Verification['certificate']>, lang: Lang): string {
  if (c.validThrough) return day(c.validThrough);
  const until: Text = {
    ky: 'шайлоонун жыйынтыктары расмий жарыяланган күнгө чейин',
    ru: 'до дня официального опубликования итогов выборов',
    en: 'until the day the results are officially published',
  };
  const parts = [until[lang]];
  if (c.votingDay) {
    const v: Text = { ky: 'добуш берүү күнү', ru: 'день голосования', en: 'voting day' };
    parts.push(`${v[lang]} ${day(c.votingDay)}`);
  }
  if (c.repeatVotingDay) {
    const r: Text = { ky: 'кайталап добуш берүү', ru: 'повторное голосование', en: 'repeat voting' };
    parts.push(`${r[lang]} ${day(c.repeatVotingDay)}`);
  }
  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join('; ')})` : (parts[0] ?? '');
}

function field(label: string, value: string, cls?: string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', cls ? { class: cls } : {}, value)];
}

function render(app: HTMLElement, v: Verification, lang: Lang, rerender: (l: Lang) => void): void {
  document.documentElement.lang = lang;
  document.title = `${L.title[lang]} · ${v.number}`;
  const s = STATUS[v.status];
  const c = v.certificate;
  const banner = h(
    'section',
    { class: `status ${v.status}`, role: 'status', 'data-status': v.status },
    h('strong', {}, s.word[lang]),
    h('span', {}, s.line[lang]),
  );
  const rows: HTMLElement[] = [...field(L.number[lang], v.number)];
  let photo: HTMLElement | null = null;
  if (c) {
    const name = c.name.cyrillic.trim() ? `${c.name.cyrillic} · ${c.name.latin}` : c.name.latin;
    rows.push(
      ...field(L.name[lang], name, 'name'),
      ...field(L.organization[lang], c.organization),
      ...field(L.country[lang], countryName(c.country, lang)),
      ...field(L.election[lang], c.election.name[lang]),
      ...(v.status === 'expired' && c.mandateEndedOn
        ? field(L.ended[lang], day(c.mandateEndedOn))
        : field(L.validThrough[lang], validity(c, lang))),
    );
    if (c.photoUrl) photo = h('img', { src: c.photoUrl, alt: L.photo[lang], width: '104', height: '136' });
  }
  const card = h(
    'section',
    { class: 'card' },
    h('div', { class: 'person' }, photo, h('dl', {}, ...rows)),
    h('p', { class: 'muted' }, `${L.checked[lang]}: ${bishkekTime(v.checkedAt)}`),
    v.status === 'valid' ? h('p', { class: 'muted' }, L.showId[lang]) : null,
  );
  app.replaceChildren(header(lang, rerender), h('h1', {}, L.title[lang]), banner, card);
}

function failure(app: HTMLElement, lang: Lang, retry: () => void, rerender: (l: Lang) => void): void {
  const button = h('a', { class: 'button', href: location.href }, L.retry[lang]);
  button.addEventListener('click', (e) => {
    e.preventDefault();
    retry();
  });
  app.replaceChildren(
    header(lang, rerender),
    h('h1', {}, L.title[lang]),
    h('p', { class: 'notice bad' }, L.failed[lang]),
    button,
  );
}

async function main(): Promise<void> {
  const app = document.getElementById('app') as HTMLElement;
  const [, , electionId = '', number = ''] = location.pathname.split('/').map(decodeURIComponent);
  const sig = new URLSearchParams(location.search).get('sig') ?? '';
  let lang = currentLang();
  let result: Verification | null = null;
  const rerender = (l: Lang) => {
    lang = l;
    if (result) render(app, result, lang, rerender);
    else failure(app, lang, check, rerender);
  };
  async function check(): Promise<void> {
    try {
      if (!sig || !electionId || !number) {
        result = { status: 'unknown', number: number || '—', checkedAt: new Date().toISOString() };
      } else {
        const path = `/v1/public/certificates/${encodeURIComponent(electionId)}/${encodeURIComponent(number)}?sig=${encodeURIComponent(sig)}`;
        try {
          result = await getJson<Verification>(path);
        } catch (err) {
          // A malformed number or signature is answered 400: to the person checking, that is unknown.
          if ((err as { status?: number }).status === 400 || (err as { status?: number }).status === 404) {
            result = { status: 'unknown', number, checkedAt: new Date().toISOString() };
          } else throw err;
        }
      }
      render(app, result, lang, rerender);
    } catch {
      result = null;
      failure(app, lang, check, rerender);
    }
  }
  await check();
}

void main();
