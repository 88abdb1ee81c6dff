/** SES on the twin: the SDK's SESv2 SendEmail reaches aws-ses-v2-local, and GET /store shows the mail. */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { type StoredMail, storedMails } from '#local/ses';

describe('mail on the twin', () => {
  it('captures a mail sent through @aws-sdk/client-sesv2 at AWS_ENDPOINT_URL_SESV2', async () => {
    const ses = new SESv2Client({});
    const subject = `Аккредитация ${Date.now()}: Ң Ө Ү`;
    const out = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: process.env.MAIL_FROM,
        Destination: { ToAddresses: ['mission@osce.example'] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Text: { Data: 'Ваш код доступа' }, Html: { Data: '<p>Ваш код доступа</p>' } },
          },
        },
      }),
    );
    expect(out.MessageId).toBeTruthy();
    const mails = await storedMails(process.env.TWIN_SES_URL!);
    const mail = mails.find((m: StoredMail) => m.subject === subject);
    expect(mail?.destination.to).toEqual(['mission@osce.example']);
    expect(mail?.from).toBe(process.env.MAIL_FROM);
    expect(mail?.body.text).toBe('Ваш код доступа');
    expect(mail?.messageId).toBe(out.MessageId);
    ses.destroy();
  });
});

describe('raw (MIME) mail', () => {
  it('lists each recipient of a multi-address To header as its own plain address', async () => {
    const ses = new SESv2Client({});
    const subject = `Raw ${Date.now()}`;
    const mime = [
      `From: ${process.env.MAIL_FROM}`,
      'To: "Mission Head" <head@mission.example>, observer@mission.example',
      'Cc: "Desk, MFA" <desk@mfa.example>',
      `Subject: ${subject}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Решение ЦИК',
    ].join('\r\n');
    await ses.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(mime) } } }));
    const mail = (await storedMails(process.env.TWIN_SES_URL!)).find((m) => m.subject === subject);
    expect(mail?.destination.to).toEqual(['head@mission.example', 'observer@mission.example']);
    expect(mail?.destination.cc).toEqual(['desk@mfa.example']);
    ses.destroy();
  });
});
