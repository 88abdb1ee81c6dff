/**
 * An extract of the register of accredited observers of an election (3.3), for the Commission to
 * hand to whoever asks: as of now, or as of a given adopted resolution (the register as that
 * resolution and those adopted before it left it). A PDF in Kyrgyz and Russian with its own QR code:
 * the code opens the published list page with the extract's id and a signature
 * (`/list/<electionId>?extract=<id>&sig=…`), where anyone can see that the Commission issued it, when,
 * as of when, for how many people, and the SHA-256 of the file.
 *
 * The signature is the certificates' HMAC (./verification.ts, same key ring) over the message
 * `<electionId>:extract-<id>`: a certificate number never starts with `extract-`, so a signature of
 * one can never pass for the other.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { RuleViolationError, NotFoundError } from '#domain/errors';
import type { PersonStatus } from '#domain/lifecycle';
import { bishkekDate } from '#domain/time';
import { auditPut } from '#data/audit';
import { getElection } from '#data/elections';
import { indexPartitions, keys } from '#data/keys';
import { getOrganizations } from '#data/organizations';
import { queryAll } from '#data/paging';
import { getResolution, listResolutions } from '#data/resolutions/drafts';
import { transact } from '#data/transact';
import { countryName, formatDate } from '#i18n/format';
import { CEC_NAME } from '#i18n/institution';
import type { Actor } from '#schemas/audit';
import { s3 } from '#runtime/clients';
import { config } from '#runtime/config';
import { type Column, PageWriter, newDocument } from './document-layout';
import { qrPath } from './qr';
import { DOCUMENT_URL_TTL_SECONDS } from './resolution-document-link';
import { pdfDownloadLink } from '#uploads/download-links';
import { extractSignedMessage as signedMessage } from './register-extract-check';
import { signCertificate } from './verification';

export interface ExtractRow {
  nameCyrillic: string;
  nameLatin: string;
  organization: string;
  country: string;
  certificateNumber: string;
}

export interface ExtractData {
  extractId: string;
  election: { name: { ky: string; ru: string } };
  issuedAt: Date;
  asOf: Date;
  resolutionNumber: string | null;
  rows: ExtractRow[];
  verifyUrl: string;
}

export function extractUrl(electionId: string, extractId: string, publicUrl = config().publicUrl): string {
  const base = publicUrl.replace(/\/+$/, '');
  const sig = signCertificate(electionId, signedMessage(extractId));
  return `${base}/list/${encodeURIComponent(electionId)}?extract=${extractId}&sig=${sig}`;
}

const bishkek = (at: Date, lang: 'ky' | 'ru') => {
  const t = new Date(at.getTime() + 6 * 3600 * 1000);
  const hm = `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  return `${formatDate(bishkekDate(at), lang)}, ${hm}`;
};

export async function renderRegisterExtract(d: ExtractData): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument({
    title: `Выписка из реестра аккредитованных международных наблюдателей ${d.extractId}`,
    subject: 'Реестр аккредитованных международных наблюдателей (п. 3.3)',
    author: CEC_NAME.ru,
    lang: 'ky',
    at: d.issuedAt,
  });
  const w = new PageWriter(doc, fonts, (p, n) => `Көчүрмө / Выписка ${d.extractId} · ${p} / ${n}`);
  // The QR code in the top right corner of the first page.
  const qr = qrPath(d.verifyUrl);
  const side = 84;
  const module = side / (qr.size + 2);
  const x = w.page.getWidth() - 40 - side;
  const top = w.page.getHeight() - 40;
  w.page.drawSvgPath(qr.path, { x: x + module, y: top - module, scale: module });
  w.text(CEC_NAME.ky, { size: 9.5, bold: true, after: 1 });
  w.text(CEC_NAME.ru, { size: 9.5, bold: true, after: 10 });
  w.text('Эл аралык байкоочулардын реестринен КӨЧҮРМӨ', { size: 12, bold: true, after: 1 });
  w.text('ВЫПИСКА из реестра аккредитованных международных наблюдателей', { size: 12, bold: true, after: 6 });
  w.text(`${d.election.name.ky} / ${d.election.name.ru}`, { size: 10, after: 6 });
  const asOfKy = d.resolutionNumber
    ? `БШКнын № ${d.resolutionNumber} токтому боюнча`
    : `${bishkek(d.asOf, 'ky')} абалы боюнча`;
  const asOfRu = d.resolutionNumber
    ? `по постановлению ЦИК № ${d.resolutionNumber}`
    : `по состоянию на ${bishkek(d.asOf, 'ru')}`;
  w.text(`${asOfKy} / ${asOfRu} (Бишкек)`, { size: 9.5, after: 2 });
  w.text(`Берилди / Выдана: ${bishkek(d.issuedAt, 'ky')} / ${bishkek(d.issuedAt, 'ru')}`, { size: 9.5, after: 2 });
  w.text(`Бардыгы / Всего: ${d.rows.length}`, { size: 9.5, after: 2 });
  w.text(`Текшерүү / Проверка: ${d.verifyUrl}`, { size: 7, after: 10 });
  if (w.y > w.page.getHeight() - 40 - side - 8) w.space(w.y - (w.page.getHeight() - 40 - side - 8));
  const columns: Column<ExtractRow>[] = [
    { title: '№', width: 26, cell: (_, i) => String(i + 1) },
    {
      title: 'Аты-жөнү\nФамилия, имя',
      width: 150,
      cell: (r) => (r.nameCyrillic ? `${r.nameCyrillic}\n${r.nameLatin}` : r.nameLatin),
      boldFirstLine: true,
    },
    { title: 'Уюм\nОрганизация', width: 130, cell: (r) => r.organization },
    { title: 'Өлкө\nСтрана', width: 80, cell: (r) => countryName(r.country, 'ru') },
    { title: 'Күбөлүк №\nУдостоверение №', width: w.contentWidth - 386, cell: (r) => r.certificateNumber },
  ];
  w.table(columns, d.rows);
  return w.save();
}

interface PersonItem {
  id: string;
  familyNameLatin: string;
  givenNamesLatin: string;
  familyNameCyrillic?: string;
  givenNamesCyrillic?: string;
  organizationId: string;
  organizationCountry: string;
  certificateNumber: string | null;
  status: PersonStatus;
  decisions?: { resolutionId: string; outcome: string }[];
}

async function peopleWithStatus(electionId: string, statuses: readonly PersonStatus[]): Promise<PersonItem[]> {
  const out: PersonItem[] = [];
  for (const status of statuses) {
    for await (const items of queryAll<PersonItem>({
      index: 'gsi1',
      partition: indexPartitions.peopleByStatus(electionId, status),
    })) {
      out.push(...items);
    }
  }
  return out;
}

/**
 * Who the register lists. Now: everyone accredited now. As of resolution R: everyone whose last
 * decision among the resolutions adopted up to R (by the adoptions' finish times, R included) is an
 * accreditation; a later revocation or the end of the mandates does not reach back.
 */
async function registerRows(electionId: string, asOf: { resolutionId: string; finishedAt: string } | null) {
  let people: PersonItem[];
  if (!asOf) {
    people = await peopleWithStatus(electionId, ['accredited']);
  } else {
    const upTo = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await listResolutions(electionId, { limit: 100, cursor, status: 'adopted' });
      for (const r of page.items) {
        if (r.adoption?.finishedAt && r.adoption.finishedAt <= asOf.finishedAt) upTo.add(r.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    upTo.add(asOf.resolutionId);
    people = (await peopleWithStatus(electionId, ['accredited', 'revoked', 'expired'])).filter((p) => {
      const last = [...(p.decisions ?? [])].reverse().find((d) => upTo.has(d.resolutionId));
      return last?.outcome === 'accredited';
    });
  }
  const orgs = new Map(
    (await getOrganizations([...new Set(people.map((p) => p.organizationId))])).map((o) => [o.id, o]),
  );
  return people
    .filter((p) => p.certificateNumber)
    .map(
      (p): ExtractRow => ({
        nameLatin: `${p.familyNameLatin} ${p.givenNamesLatin}`,
        nameCyrillic: [p.familyNameCyrillic, p.givenNamesCyrillic].filter(Boolean).join(' '),
        organization: (() => {
          const o = orgs.get(p.organizationId);
          return o ? (o.name.ru ?? o.name.original) : '';
        })(),
        country: p.organizationCountry,
        certificateNumber: p.certificateNumber as string,
      }),
    )
    .sort((a, b) => a.certificateNumber.localeCompare(b.certificateNumber));
}

/** Makes an extract, stores it under `extracts/` of the certificates bucket, audits it, links it. */
export async function registerExtractLink(
  electionId: string,
  opts: { resolutionId?: string },
  actor: Actor,
  now: Date,
) {
  const election = await getElection(electionId);
  let asOf: { resolutionId: string; finishedAt: string; number: string } | null = null;
  if (opts.resolutionId) {
    const r = await getResolution(opts.resolutionId);
    if (r.electionId !== electionId) throw new NotFoundError('resolution', opts.resolutionId);
    if (r.status !== 'adopted' || !r.adoption?.finishedAt) {
      throw new RuleViolationError(
        `resolution ${r.number} is ${r.status}: the register stands as of adopted resolutions only (3.3)`,
        'RESOLUTION_NOT_ADOPTED',
        '3.3',
      );
    }
    asOf = { resolutionId: r.id, finishedAt: r.adoption.finishedAt, number: r.number };
  }
  const rows = await registerRows(electionId, asOf);
  const extractId = ulid(now.getTime());
  const asOfAt = asOf ? new Date(asOf.finishedAt) : now;
  const pdf = await renderRegisterExtract({
    extractId,
    election: { name: { ky: election.name.ky, ru: election.name.ru } },
    issuedAt: now,
    asOf: asOfAt,
    resolutionNumber: asOf?.number ?? null,
    rows,
    verifyUrl: extractUrl(electionId, extractId),
  });
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const objectKey = `extracts/${electionId}/${extractId}.pdf`;
  const filename = `register-extract-${bishkekDate(now)}-${extractId.slice(-6)}.pdf`;
  await s3().send(
    new PutObjectCommand({
      Bucket: config().certificatesBucket,
      Key: objectKey,
      Body: pdf,
      ContentType: 'application/pdf',
      Metadata: { 'election-id': electionId, sha256 },
    }),
  );
  const record = {
    electionId,
    extractId,
    issuedAt: now.toISOString(),
    asOf: asOfAt.toISOString(),
    resolutionId: asOf?.resolutionId ?? null,
    resolutionNumber: asOf?.number ?? null,
    count: rows.length,
    sha256,
    objectKey,
    issuedBy: actor,
  };
  await transact([
    {
      Put: {
        TableName: config().tableName,
        Item: {
          ...keys.registerExtract(electionId, extractId),
          entity: 'register-extract',
          schemaVersion: 1,
          ...record,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut({
      at: now,
      actor,
      entityType: 'election',
      entityId: electionId,
      action: 'register-extract',
      clause: '3.3',
      detail: { extractId, count: rows.length, sha256, resolutionId: record.resolutionId, objectKey },
    }),
  ]);
  const url = await pdfDownloadLink(objectKey, filename);
  return {
    url,
    expiresAt: new Date(now.getTime() + DOCUMENT_URL_TTL_SECONDS * 1000).toISOString(),
    filename,
    sha256,
    extractId,
    count: rows.length,
    asOf: record.asOf,
  };
}
