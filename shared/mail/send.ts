/**
 * Sending through SES v2 (`SendEmail` with `Content.Raw`): the MIME message carries the outbox id as
 * its Message-ID and an `X-Outbox-Id` header, and the call tags it, so a message can always be traced
 * back to the outbox item it came from.
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '#runtime/clients';
import { config } from '#runtime/config';
import { renderHtml, renderText } from './layout';
import { buildMime } from './mime';
import type { RenderedEmail } from './render';

/** SES refused the message for a reason a retry cannot fix (bad address, message rejected). */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

const PERMANENT_SES_ERRORS = new Set([
  'MessageRejected',
  'BadRequestException',
  'NotFoundException',
  'AccountSuspendedException',
  'MailFromDomainNotVerifiedException',
]);

/** Network errors, throttling and 5xx are worth retrying; a 4xx that names the message is not. */
export function isPermanentSesError(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name && PERMANENT_SES_ERRORS.has(e.name)) return true;
  const status = e?.$metadata?.httpStatusCode;
  return (
    status !== undefined && status >= 400 && status < 500 && status !== 429 && e?.name !== 'TooManyRequestsException'
  );
}

export function composeMime(outboxId: string, template: string, email: RenderedEmail, now: Date): string {
  return buildMime({
    from: config().mailFrom,
    to: email.to,
    subject: email.letter.subject,
    text: renderText(email.letter),
    html: renderHtml(email.letter),
    attachments: email.attachments,
    messageId: `${outboxId}@outbox.cec-observers`,
    date: now,
    language: email.languages.join(', '),
    headers: { 'X-Outbox-Id': outboxId, 'X-Template': template, 'Auto-Submitted': 'auto-generated' },
  });
}

export async function sendEmail(outboxId: string, template: string, email: RenderedEmail, now: Date): Promise<string> {
  const raw = composeMime(outboxId, template, email, now);
  try {
    const out = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: config().mailFrom,
        Destination: { ToAddresses: email.to },
        Content: { Raw: { Data: Buffer.from(raw, 'utf8') } },
        EmailTags: [
          { Name: 'outbox-id', Value: outboxId },
          { Name: 'template', Value: template.replace(/[^\w-]/g, '_') },
        ],
        ConfigurationSetName: config().sesConfigurationSet,
      }),
    );
    return out.MessageId ?? 'unknown';
  } catch (err) {
    if (isPermanentSesError(err)) throw new PermanentSendError(`${(err as Error).name}: ${(err as Error).message}`);
    throw err;
  }
}
