/**
 * The letter layout: a Commission letterhead, then the same message once per language (the
 * organization's language first), in HTML and in plain text. Templates produce blocks; only this file
 * writes markup, and every value passes through `escapeHtml`.
 */
import type { Lang } from '#domain/grounds';
import { CEC_NAME } from '#i18n/institution';

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'facts'; rows: readonly (readonly [string, string])[] }
  | { kind: 'code'; label: string; value: string }
  | { kind: 'list'; heading?: string; items: readonly string[]; ordered?: boolean }
  | { kind: 'link'; label: string; href: string }
  | { kind: 'note'; text: string };

export interface Section {
  lang: Lang;
  heading: string;
  blocks: readonly Block[];
}

export interface Letter {
  subject: string;
  sections: readonly Section[];
}

const FOOTER: Record<Lang, string> = {
  ky: 'Бул кат автоматтык түрдө жөнөтүлдү; ага жооп бербеңиз.',
  ru: 'Это письмо отправлено автоматически; отвечать на него не нужно.',
  en: 'This message was sent automatically; please do not reply to it.',
};

const LANGUAGE_NAME: Record<Lang, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) links are written into a letter; anything else is shown as text. */
function safeHref(href: string): string | null {
  try {
    const u = new URL(href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p style="margin:0 0 12px">${escapeHtml(b.text)}</p>`;
    case 'note':
      return `<p style="margin:0 0 12px;color:#555;font-size:13px">${escapeHtml(b.text)}</p>`;
    case 'facts':
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">${b.rows
        .map(
          ([k, v]) =>
            `<tr><td style="padding:3px 12px 3px 0;color:#555;vertical-align:top">${escapeHtml(k)}</td><td style="padding:3px 0;font-weight:bold">${escapeHtml(v)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'code':
      return `<p style="margin:0 0 4px;color:#555">${escapeHtml(b.label)}</p><p style="margin:0 0 12px;font:bold 17px/1.5 Consolas,'DejaVu Sans Mono',monospace;letter-spacing:1px;background:#f2f5f9;border:1px solid #c9d3df;padding:8px 12px;display:block;word-break:break-all;user-select:all">${escapeHtml(b.value)}</p>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const head = b.heading ? `<p style="margin:0 0 4px;font-weight:bold">${escapeHtml(b.heading)}</p>` : '';
      return `${head}<${tag} style="margin:0 0 12px;padding-left:22px">${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;
    }
    case 'link': {
      const href = safeHref(b.href);
      return href
        ? `<p style="margin:0 0 12px">${escapeHtml(b.label)}: <a href="${escapeHtml(href)}">${escapeHtml(href)}</a></p>`
        : `<p style="margin:0 0 12px">${escapeHtml(b.label)}: ${escapeHtml(b.href)}</p>`;
    }
  }
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'p':
    case 'note':
      return b.text;
    case 'facts': {
      return b.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    }
    case 'code':
      return `${b.label}:\n\n    ${b.value}`;
    case 'list':
      return [
        ...(b.heading ? [b.heading] : []),
        ...b.items.map((item, i) => (b.ordered ? `${i + 1}. ${item}` : `- ${item}`)),
      ].join('\n');
    case 'link':
      return `${b.label}: ${b.href}`;
  }
}

export function renderHtml(letter: Letter): string {
  const langs = letter.sections.map((s) => s.lang);
  const head = [...new Set<Lang>(['ky', 'ru', ...langs])].map((l) => escapeHtml(CEC_NAME[l])).join('<br>');
  const nav =
    letter.sections.length > 1
      ? `<p style="margin:0 0 16px;font-size:13px;color:#555">${letter.sections.map((s) => `<a href="#${s.lang}">${LANGUAGE_NAME[s.lang]}</a>`).join(' · ')}</p>`
      : '';
  const sections = letter.sections
    .map(
      (s, i) =>
        `<div lang="${s.lang}" id="${s.lang}" style="${i > 0 ? 'border-top:1px solid #c9d3df;margin-top:24px;padding-top:20px' : ''}"><h2 style="font-size:18px;margin:0 0 14px;color:#0b3d6e">${escapeHtml(s.heading)}</h2>${s.blocks.map(blockHtml).join('')}<p style="margin:16px 0 0;font-size:12px;color:#777">${escapeHtml(FOOTER[s.lang])}</p></div>`,
    )
    .join('');
  return `<!DOCTYPE html><html lang="${langs[0] ?? 'ru'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(letter.subject)}</title></head><body style="margin:0;background:#eef1f5"><div style="max-width:680px;margin:0 auto;background:#fff;font:15px/1.5 Arial,'DejaVu Sans',sans-serif;color:#1b1b1b"><div style="background:#0b3d6e;color:#fff;padding:14px 24px;font-size:13px;line-height:1.4">${head}</div><div style="height:4px;background:#e8112d"></div><div style="padding:20px 24px">${nav}${sections}</div></div></body></html>`;
}

export function renderText(letter: Letter): string {
  const langs = [...new Set<Lang>(['ky', 'ru', ...letter.sections.map((s) => s.lang)])];
  const head = langs.map((l) => CEC_NAME[l]).join('\n');
  const sections = letter.sections.map((s) =>
    [
      s.heading,
      '='.repeat(Math.min(72, s.heading.length)),
      '',
      s.blocks.map(blockText).join('\n\n'),
      '',
      FOOTER[s.lang],
    ].join('\n'),
  );
  return `${head}\n\n${sections.join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}
