import { describe, expect, it } from 'vitest';
import { base64Lines, buildMime, encodeWords, formatAddress } from './mime';

const decodeWords = (header: string) =>
  header
    .split(/\r\n /)
    .map((w) => /^=\?UTF-8\?B\?(.*)\?=$/.exec(w))
    .map((m) => Buffer.from(m?.[1] ?? '', 'base64').toString('utf8'))
    .join('');

describe('RFC 2047 encoded words', () => {
  it('leaves ASCII as it is and encodes Kyrgyz in words of at most 75 characters that decode back', () => {
    expect(encodeWords('Access code')).toBe('Access code');
    const subject = 'Аккредитация порталына кирүү коду: Кыргыз Республикасынын Президентин шайлоо / Ң Ө Ү';
    const encoded = encodeWords(subject);
    for (const word of encoded.split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(encoded)).toBe(subject);
  });

  it('never splits a multi-byte character between words', () => {
    const subject = 'Ө'.repeat(100);
    const words = encodeWords(subject).split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      const bytes = Buffer.from(/\?B\?(.*)\?=/.exec(w)?.[1] ?? '', 'base64');
      expect(bytes.toString('utf8')).toMatch(/^Ө+$/);
    }
  });

  it('removes line breaks from header values (no header injection)', () => {
    expect(encodeWords('Hello\r\nBcc: victim@example.org')).toBe('Hello Bcc: victim@example.org');
  });
});

describe('addresses', () => {
  it('quotes ASCII names, encodes others, refuses what is not an address', () => {
    expect(formatAddress('a@b.org')).toBe('a@b.org');
    expect(formatAddress('CEC "KR" <a@b.org>')).toBe('"CEC \\"KR\\"" <a@b.org>');
    expect(formatAddress('БШК <a@b.org>')).toMatch(/^=\?UTF-8\?B\?.+\?= <a@b\.org>$/);
    expect(() => formatAddress('not an address')).toThrow(/not an email address/);
  });
});

describe('the message', () => {
  const base = {
    from: 'accreditation@shailoo.gov.kg',
    to: ['org@example.org', 'person@example.net'],
    subject: 'Код доступа',
    text: 'Кирүү коду: ABCD',
    html: '<p>Кирүү коду: <b>ABCD</b></p>',
    messageId: '01ABC@outbox.cec-observers',
    date: new Date('2027-03-01T06:00:00Z'),
  };

  it('is multipart/alternative with base64 UTF-8 text and HTML and CRLF line ends', () => {
    const mime = buildMime(base);
    expect(mime).toMatch(/^From: accreditation@shailoo\.gov\.kg\r\nTo: org@example\.org,\r\n person@example\.net\r\n/);
    expect(mime).toContain('Message-ID: <01ABC@outbox.cec-observers>\r\n');
    expect(mime).toContain('Date: Mon, 01 Mar 2027 06:00:00 +0000\r\n');
    expect(mime).toContain('MIME-Version: 1.0\r\n');
    const boundary = /boundary="([^"]+)"/.exec(mime)?.[1];
    expect(boundary).toBeDefined();
    const parts = mime.split(`--${boundary}`);
    expect(parts).toHaveLength(4); // preamble, text, html, closing
    expect(parts[1]).toContain('Content-Type: text/plain; charset=UTF-8');
    const textBody = parts[1]!.split('\r\n\r\n')[1]!;
    expect(Buffer.from(textBody.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(base.text);
    expect(parts[2]).toContain('Content-Type: text/html; charset=UTF-8');
    expect(mime.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('puts attachments beside the alternative in multipart/mixed', () => {
    const pdf = Buffer.from('%PDF-1.7 fake');
    const mime = buildMime({
      ...base,
      attachments: [{ filename: 'certificate 2027/PR 1.pdf', contentType: 'application/pdf', content: pdf }],
    });
    expect(mime).toMatch(/Content-Type: multipart\/mixed; boundary="=_mixed_[0-9a-f]+"/);
    expect(mime).toContain('Content-Disposition: attachment; filename="certificate_2027_PR_1.pdf"');
    const b64 = /filename="certificate_2027_PR_1\.pdf"\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(mime)?.[1];
    expect(Buffer.from(b64!.replace(/\r\n/g, ''), 'base64').equals(pdf)).toBe(true);
  });

  it('wraps base64 at 76 characters', () => {
    const lines = base64Lines(Buffer.alloc(1000, 7)).split('\r\n');
    expect(lines.every((l) => l.length <= 76)).toBe(true);
    expect(lines[0]).toHaveLength(76);
  });

  it('refuses a message without recipients', () => {
    expect(() => buildMime({ ...base, to: [] })).toThrow(/recipient/);
  });
});
