/**
 * The outbox consumer over DynamoDB Local, a local SES and a local S3: access codes, decision letters,
 * certificates, and idempotence on redelivery (the SES outage, over the real stream: publication-outage).
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#data/keys';
import { findOutbox, listOutbox, outboxFromItem } from '#data/outbox';
import { fixedClock } from '#domain/clock';
import { handleOutboxRecords } from '#mail/outbox-worker';
import { ddb, s3 } from '#runtime/clients';
import { config, resetConfig } from '#runtime/config';
import { seal } from '#runtime/sealed';
import { verifyCertificateSignature } from '#pdf/verification';
import {
  type LocalSes,
  createBuckets,
  freePort,
  mailStore,
  putOutbox,
  seedElection,
  seedOrganization,
  seedPerson,
  seedPhoto,
  startS3,
  startSes,
  streamRecord,
} from './publication-fixtures';

let sesServer: LocalSes;
let s3Server: { stop(): Promise<void> };
const clock = fixedClock('2027-03-02T06:00:00Z');

beforeAll(async () => {
  process.env.OUTBOX_RETRY_DELAY_MS = '0';
  const sesPort = await freePort();
  const s3Port = await freePort();
  process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${sesPort}`;
  process.env.AWS_ENDPOINT_URL_S3 = `http://127.0.0.1:${s3Port}`;
  process.env.S3_FORCE_PATH_STYLE = 'true';
  resetConfig();
  sesServer = await startSes(sesPort);
  s3Server = await startS3(s3Port);
  await createBuckets();
});

afterAll(async () => {
  await sesServer?.stop();
  await s3Server?.stop();
});

const mailsTo = async (address: string) =>
  (await mailStore(sesServer.url)).filter((m) => m.destination.to.some((t) => t.includes(address)));

async function outboxItem(id: string) {
  const out = await ddb.send(
    new GetCommand({ TableName: config().tableName, Key: keys.outbox(id), ConsistentRead: true }),
  );
  return out.Item ?? {};
}

describe('access-code email', () => {
  it('unseals the code, sends it in the organization language and Russian, then forgets the sealed code', async () => {
    // Prepare
    const election = await seedElection();
    const org = await seedOrganization('en');
    const { id, record } = await putOutbox({
      kind: 'email',
      template: 'access-code',
      to: [org.contactEmail],
      electionId: election.id,
      entityId: 'INV1',
      payload: {
        lang: 'en',
        organizationId: org.id,
        electionId: election.id,
        invitationId: 'INV1',
        sealedCode: seal('K7QX-2MPA-9RTD'),
        portalUrl: 'http://localhost:5173/#/portal',
      },
    });

    // Act
    const result = await handleOutboxRecords([record], clock);

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const item = await outboxItem(id);
    expect(item.status).toBe('sent');
    expect(item.sesMessageId).toBeTruthy();
    expect((item.payload as Record<string, unknown>).sealedCode).toBeUndefined();
    expect(item.gsi1pk).toBe('OUTBOX#sent');
    const [mail, ...more] = await mailsTo(org.contactEmail);
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe(
      'Access code to the accreditation portal: Presidential election of the Kyrgyz Republic / Код доступа к порталу аккредитации: Выборы Президента Кыргызской Республики',
    );
    expect(mail?.body.text).toContain('K7QX-2MPA-9RTD');
    expect(mail?.body.html).toContain('K7QX-2MPA-9RTD');
    expect(mail?.body.text?.indexOf('Access code')).toBeLessThan(mail?.body.text?.indexOf('Код доступа') ?? -1);
    expect(mail?.body.text).not.toContain('Кирүү коду');
  });

  it('never sends twice when the stream delivers the same record again', async () => {
    const election = await seedElection();
    const org = await seedOrganization('ky');
    const { record } = await putOutbox({
      kind: 'email',
      template: 'access-code',
      to: [org.contactEmail],
      payload: { lang: 'ky', organizationId: org.id, electionId: election.id, sealedCode: seal('AAAA-BBBB-CCCC') },
    });
    await handleOutboxRecords([record], clock);
    await handleOutboxRecords([record, record], clock);
    const mails = await mailsTo(org.contactEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.body.text).toContain('Кирүү коду');
    expect(mails[0]?.body.text).toContain('Код доступа');
    expect(mails[0]?.subject).toMatch(/^Аккредитация порталына кирүү коду: .* \/ Код доступа/);
  });

  it('parks a code that cannot be unsealed as failed at once, without retries', async () => {
    const election = await seedElection();
    const org = await seedOrganization('ru');
    const { id, record } = await putOutbox({
      kind: 'email',
      template: 'access-code',
      payload: { lang: 'ru', organizationId: org.id, electionId: election.id, sealedCode: 'v1.bad.bad.bad' },
    });
    const result = await handleOutboxRecords([record], clock);
    expect(result.batchItemFailures).toEqual([]);
    const item = outboxFromItem(await outboxItem(id));
    expect(item.status).toBe('failed');
    expect(item.attempts).toBe(1);
    expect(item.lastError).toMatch(/sealedCode/);
  });
});

describe('decision letters', () => {
  it('a refusal cites the ground, its clause and the reason, in the organization language, Russian and Kyrgyz', async () => {
    const election = await seedElection();
    const org = await seedOrganization('en');
    const person = await seedPerson({ electionId: election.id, organizationId: org.id, status: 'refused' });
    const { record } = await putOutbox({
      kind: 'email',
      template: 'decision-refused',
      to: [org.contactEmail, person.email],
      payload: {
        lang: 'en',
        electionId: election.id,
        personId: person.id,
        organizationId: org.id,
        resolutionNumber: '14/2',
        adoptedOn: '2027-03-05',
        ground: 'DOCUMENTS_MISSING_OR_INACCURATE',
        reason: 'The passport copy is unreadable <b>scan</b>',
      },
    });
    await handleOutboxRecords([record], clock);
    const [mail] = await mailsTo(person.email);
    const text = mail?.body.text ?? '';
    expect(mail?.subject).toMatch(/^Accreditation refused: Ongarbaeva Umut .* \/ Отказ в аккредитации/);
    expect(text).toContain('Documents are missing, incomplete or inaccurate');
    expect(text).toContain('Документы отсутствуют, неполны или недостоверны');
    expect(text).toContain('Документтер жок, толук эмес же так эмес');
    expect(text).toContain('clause 3.9 of the Regulation');
    expect(text).toContain('пункт 3.9 Положения');
    expect(text).toContain('The passport copy is unreadable <b>scan</b>');
    expect(text).toContain('No. 14/2 of 5 March 2027');
    // HTML escapes what people typed.
    expect(mail?.body.html).toContain('unreadable &#60;b&#62;scan&#60;/b&#62;');
    expect(mail?.body.html).not.toContain('<b>scan</b>');
    expect(mail?.destination.to.join(',')).toContain(org.contactEmail);
  });

  it('a revocation cites 4.7 (a) and says a gross violation may ground a future refusal', async () => {
    const election = await seedElection();
    const org = await seedOrganization('ru');
    const person = await seedPerson({
      electionId: election.id,
      organizationId: org.id,
      status: 'revoked',
      certificateNumber: `R-${Date.now()}`,
    });
    const { record } = await putOutbox({
      kind: 'email',
      template: 'decision-revoked',
      to: [org.contactEmail],
      payload: {
        lang: 'ru',
        electionId: election.id,
        personId: person.id,
        organizationId: org.id,
        revocationReason: 'VIOLATION',
        gross: true,
        reason: 'Агитация на участке',
      },
    });
    await handleOutboxRecords([record], clock);
    const [mail] = await mailsTo(org.contactEmail);
    const text = mail?.body.text ?? '';
    expect(mail?.subject).toMatch(/^Аккредитация отозвана: .* \/ Accreditation revoked/);
    expect(text).toContain('подпункт «а» пункта 4.7 Положения');
    expect(text).toContain('clause 4.7 (a) of the Regulation');
    expect(text).toContain('Жобонун 4.7-пунктунун «а» пунктчасы');
    expect(text).toContain('Нарушение признано грубым');
    expect(text).toContain(person.certificateNumber!);
  });

  it('a lapse cites 3.6 and the last day of accreditation', async () => {
    const election = await seedElection();
    const org = await seedOrganization('ky');
    const person = await seedPerson({ electionId: election.id, organizationId: org.id, status: 'lapsed' });
    const { record } = await putOutbox({
      kind: 'email',
      template: 'decision-lapsed',
      to: [org.contactEmail],
      payload: { lang: 'ky', electionId: election.id, personId: person.id, organizationId: org.id },
    });
    await handleOutboxRecords([record], clock);
    const [mail] = await mailsTo(org.contactEmail);
    expect(mail?.subject).toMatch(/^Аккредитациялоо мөөнөтү бүттү: Өңгарбаева Үмүт Ңуровна/);
    expect(mail?.body.text).toContain('2027-жылдын 11-марты');
    expect(mail?.body.text).toContain('11 марта 2027 г.');
    expect(mail?.body.text).toContain('Жобонун 3.6-пункту');
  });

  it('a reminder states the days left and the last day', async () => {
    const election = await seedElection();
    const org = await seedOrganization('ru');
    const { record } = await putOutbox({
      kind: 'email',
      template: 'reminder',
      to: [org.contactEmail],
      payload: {
        lang: 'ru',
        electionId: election.id,
        organizationId: org.id,
        applicationId: 'APP1',
        daysLeft: 3,
        lastAccreditationDay: '2027-03-11',
      },
    });
    await handleOutboxRecords([record], clock);
    const [mail] = await mailsTo(org.contactEmail);
    expect(mail?.subject).toBe(
      'Напоминание: аккредитация завершается 11 марта 2027 г. / Reminder: accreditation ends on 11 March 2027',
    );
    expect(mail?.body.text).toContain('Осталось: 3 дня');
    expect(mail?.body.text).toContain('Time left: 3 days');
  });
});

describe('certificates', () => {
  it('renders the PDF into the certificates bucket, records its key and sends it with the accreditation', async () => {
    const election = await seedElection();
    const org = await seedOrganization('en', { name: { original: 'OSCE/ODIHR', ru: 'ОБСЕ/БДИПЧ' }, country: 'PL' });
    const number = `2027-PR-${String(Date.now()).slice(-5)}`;
    const person = await seedPerson({ electionId: election.id, organizationId: org.id, certificateNumber: number });
    await seedPhoto(person);
    const { id, record } = await putOutbox({
      kind: 'certificate',
      template: 'certificate',
      electionId: election.id,
      entityId: person.id,
      payload: { electionId: election.id, personId: person.id, certificateNumber: number },
    });

    const result = await handleOutboxRecords([record], clock);
    expect(result.batchItemFailures).toEqual([]);

    const key = `certificates/${election.id}/${number}.pdf`;
    const cert = await ddb.send(
      new GetCommand({
        TableName: config().tableName,
        Key: keys.certificate(election.id, number),
        ConsistentRead: true,
      }),
    );
    expect(cert.Item?.objectKey).toBe(key);
    const obj = await s3().send(new GetObjectCommand({ Bucket: config().certificatesBucket, Key: key }));
    expect(obj.ContentType).toBe('application/pdf');
    const pdf = Buffer.from(await obj.Body!.transformToByteArray());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await findOutbox(id))?.status).toBe('sent');

    // The accreditation email was queued in the same transaction; deliver it as the stream would.
    const pending = await listOutbox('pending', { limit: 50 });
    const email = pending.items.find((i) => i.template === 'decision-accredited' && i.entityId === person.id);
    expect(email).toBeDefined();
    const raw = await outboxItem(email!.id);
    await handleOutboxRecords([streamRecord('INSERT', raw)], clock);

    const [mail, ...more] = await mailsTo(person.email);
    expect(more).toHaveLength(0);
    expect(mail?.subject).toContain(`certificate No. ${number}`);
    expect(mail?.attachments).toHaveLength(1);
    expect(mail?.attachments[0]?.filename).toBe(`certificate-${number}.pdf`);
    expect(Buffer.from(mail!.attachments[0]!.content, 'base64').equals(pdf)).toBe(true);
    const text = mail?.body.text ?? '';
    expect(text).toContain('Valid until the official publication of the results');
    expect(text).toContain('Шайлоонун жыйынтыктары расмий жарыяланганга чейин жарактуу');
    expect(text).toContain('clause 4.4 of the Regulation');
    const link = /(http:\/\/\S+\?sig=[\w-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    const u = new URL(link!);
    expect(verifyCertificateSignature(election.id, number, u.searchParams.get('sig')!)).toBe(true);

    // A redelivery of the certificate record queues no second email.
    await handleOutboxRecords([record], clock);
    const again = await listOutbox('pending', { limit: 50 });
    expect(again.items.filter((i) => i.template === 'decision-accredited' && i.entityId === person.id)).toHaveLength(0);
  });
});

describe('stream records', () => {
  it('ignores its own status changes (MODIFY records without a requeue)', async () => {
    const election = await seedElection();
    const org = await seedOrganization('en');
    const { id, record } = await putOutbox({
      kind: 'email',
      template: 'access-code',
      to: [org.contactEmail],
      payload: { lang: 'en', organizationId: org.id, electionId: election.id, sealedCode: seal('ZZZZ-1111-2222') },
    });
    const before = await outboxItem(id);
    await handleOutboxRecords([record], clock);
    const after = await outboxItem(id);
    await handleOutboxRecords([streamRecord('MODIFY', { ...after, status: 'pending' }, before)], clock);
    expect(await mailsTo(org.contactEmail)).toHaveLength(1);
  });
});
