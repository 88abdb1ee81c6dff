/**
 * A small MIME (RFC 5322, 2045-2047, 2046, 2183) message builder for SES `Content.Raw`: a
 * multipart/alternative text + HTML body, optional attachments in multipart/mixed, every part base64
 * (UTF-8 Cyrillic, Kyrgyz Ң Ө Ү), subjects and display names as RFC 2047 encoded words.
 * Written by hand because the bodies are simple and the one mail library in reach is not a dependency.
 */
import { randomBytes } from 'node:crypto';

export interface Attachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface MimeMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  attachments?: readonly Attachment[];
  /** Message-ID without angle brackets, e.g. `<outboxId>@cec-observers`. */
  messageId?: string;
  date?: Date;
  /** Extra headers (ASCII names). Values are sanitised and encoded where needed. */
  headers?: Record<string, string>;
  /** Content-Language, e.g. `en, ru`. */
  language?: string;
}

const CRLF = '\r\n';

/** Header values never carry a line break: that is how header injection works. */
function clean(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/**
 * RFC 2047 `B` encoded words for a header value: each word at most 75 characters, split on code
 * point boundaries (never inside a UTF-8 sequence), joined by folding whitespace.
 */
export function encodeWords(value: string): string {
  const v = clean(value);
  if (isAscii(v)) return v;
  const maxBytes = 45; // 60 base64 characters + `=?UTF-8?B?` + `?=` = 72 <= 75
  const words: string[] = [];
  let chunk = '';
  let size = 0;
  for (const ch of v) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > maxBytes) {
      words.push(chunk);
      chunk = '';
      size = 0;
    }
    chunk += ch;
    size += n;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

/** `Name <addr@host>` with an encoded display name, or the bare address. */
export function formatAddress(address: string): string {
  const m = /^(.*)<([^>]+)>\s*$/.exec(clean(address));
  const addr = (m?.[2] ?? address).trim();
  if (!ADDRESS.test(addr)) throw new Error(`not an email address: ${addr}`);
  const raw = m?.[1]?.trim() ?? '';
  const name = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!name) return addr;
  const display = isAscii(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeWords(name);
  return `${display} <${addr}>`;
}

/** Base64 body wrapped at 76 characters (RFC 2045 6.8). */
export function base64Lines(data: Uint8Array | string): string {
  const b64 = (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

/** RFC 2231 is not needed for ASCII file names; anything else is reduced to a safe ASCII name. */
function safeFilename(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return ascii || 'attachment';
}

/** A boundary that cannot occur in base64 text (`=_` never appears inside it). */
function boundary(tag: string): string {
  return `=_${tag}_${randomBytes(12).toString('hex')}`;
}

/** RFC 5322 date, e.g. `Tue, 09 Mar 2027 10:00:00 +0000`. */
function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

function part(contentType: string, body: string, extra: string[] = []): string {
  return [`Content-Type: ${contentType}`, 'Content-Transfer-Encoding: base64', ...extra, '', body].join(CRLF);
}

/** The full message, CRLF line endings, ready to be sent as SES `Content.Raw.Data`. */
export function buildMime(msg: MimeMessage): string {
  if (msg.to.length === 0) throw new Error('a message needs at least one recipient');
  const alt = boundary('alt');
  const alternative = [
    `--${alt}`,
    part('text/plain; charset=UTF-8', base64Lines(msg.text)),
    `--${alt}`,
    part('text/html; charset=UTF-8', base64Lines(msg.html)),
    `--${alt}--`,
    '',
  ].join(CRLF);

  const headers: string[] = [
    `From: ${formatAddress(msg.from)}`,
    `To: ${msg.to.map(formatAddress).join(`,${CRLF} `)}`,
    `Subject: ${encodeWords(msg.subject)}`,
    `Date: ${rfc5322Date(msg.date ?? new Date())}`,
    ...(msg.messageId ? [`Message-ID: <${clean(msg.messageId).replace(/[<>]/g, '')}>`] : []),
    'MIME-Version: 1.0',
    ...(msg.language ? [`Content-Language: ${clean(msg.language)}`] : []),
    ...Object.entries(msg.headers ?? {}).map(([k, v]) => `${k.replace(/[^\w-]/g, '')}: ${encodeWords(v)}`),
  ];

  const attachments = msg.attachments ?? [];
  if (attachments.length === 0) {
    return [...headers, `Content-Type: multipart/alternative; boundary="${alt}"`, '', alternative].join(CRLF);
  }
  const mixed = boundary('mixed');
  const body = [
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    '',
    alternative,
    ...attachments.flatMap((a) => {
      const name = safeFilename(a.filename);
      return [
        `--${mixed}`,
        part(`${clean(a.contentType)}; name="${name}"`, base64Lines(a.content), [
          `Content-Disposition: attachment; filename="${name}"`,
        ]),
      ];
    }),
    `--${mixed}--`,
    '',
  ].join(CRLF);
  return [...headers, `Content-Type: multipart/mixed; boundary="${mixed}"`, '', body].join(CRLF);
}
