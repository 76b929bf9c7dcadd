import PDFDocument from 'pdfkit';
import type { Language } from '../../../shared/i18n/languages';
import { practiceTimeFormat } from '../../../shared/practice/datetime';
import { translate } from '../../../shared/i18n/translate';

/*
 * What every chairside print shares: the page, the practice's header with the
 * patient's name, document and age, and the foot of each page (who printed it,
 * when, page n of N). Drawn with pdfkit's standard Helvetica, whose WinAnsi
 * encoding covers Spanish; characters outside it (typed into a note) are
 * replaced rather than printed as garbage.
 */

export const MARGIN = 36;
export const INK = '#111827';
export const MUTED = '#4b5563';
export const RULE = '#9ca3af';

export interface PrintContext {
  language: Language;
  locale: string;
  /** The practice's country and zone: prints write dates and times as the screens do (shared/practice/datetime.ts). */
  country: string;
  timeZone: string;
  practice: { name: string; address: string; phone: string };
  patient: { name: string; document: string | null; age: number | null };
  printedBy: string;
  now: Date;
  /** Plain (uncompressed) content streams, for tests that read the text back. */
  compress?: boolean;
}

/** A catalog text; a missing key shows as the key itself, never as nothing. */
export function label(language: Language, key: string, params: Record<string, string | number> = {}): string {
  return translate(language, `print.${key}`, params) ?? key;
}

const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Keeps what Helvetica's WinAnsi encoding can print; anything else becomes '?'. */
export function safe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch)) out += ch;
    else if (ch === '\r') continue;
    else out += '?';
  }
  return out;
}

/** A calendar date as the screens write it: "04-03-2026" in Chile. */
export function formatDate(ctx: PrintContext, date: string): string {
  return practiceTimeFormat(ctx).day(date);
}

/** An instant on the practice's wall clock, as the screens write it: "04-03-2026 14:09" in Chile. */
export function formatInstant(ctx: PrintContext, iso: string): string {
  return practiceTimeFormat(ctx).dateTime(iso);
}

export interface OpenDocument {
  doc: PDFKit.PDFDocument;
  width: number;
  bottom(): number;
  /** Draws the header again on a new page. */
  newPage(): void;
  finish(): Promise<{ pdf: Buffer; pages: number }>;
}

export function openDocument(ctx: PrintContext, title: string, options: { landscape?: boolean; subtitle?: string } = {}): OpenDocument {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    compress: ctx.compress ?? true,
    info: { Title: safe(`${title} — ${ctx.patient.name}`), Author: safe(ctx.practice.name), Creator: 'Consulta Dental' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const header = () => drawHeader(doc, ctx, title, options.subtitle, width);
  header();
  return {
    doc,
    width,
    bottom: () => doc.page.height - MARGIN - 24,
    newPage() {
      doc.addPage();
      header();
    },
    async finish() {
      const range = doc.bufferedPageRange();
      const printedAt = formatInstant(ctx, ctx.now.toISOString());
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const y = doc.page.height - MARGIN - 10;
        doc.font('Helvetica').fontSize(7.5).fillColor('#6b7280');
        doc.text(safe(label(ctx.language, 'generated', { at: printedAt, user: ctx.printedBy })), MARGIN, y, { width: width * 0.7, lineBreak: false });
        doc.text(label(ctx.language, 'page', { n: i - range.start + 1, total: range.count }), MARGIN + width * 0.7, y, { width: width * 0.3, align: 'right', lineBreak: false });
      }
      doc.end();
      await ended;
      return { pdf: Buffer.concat(chunks), pages: range.count };
    },
  };
}

function drawHeader(doc: PDFKit.PDFDocument, ctx: PrintContext, title: string, subtitle: string | undefined, width: number): void {
  const top = MARGIN;
  doc.font('Helvetica-Bold').fontSize(14).fillColor(INK).text(safe(ctx.practice.name), MARGIN, top, { width: width * 0.62 });
  const contact = [ctx.practice.address, ctx.practice.phone].filter(Boolean).join(' · ');
  if (contact) doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(contact), { width: width * 0.62 });
  const leftBottom = doc.y;
  // The document's title and date on the right.
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(safe(title), MARGIN + width * 0.62, top, { width: width * 0.38, align: 'right' });
  if (subtitle) doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(safe(subtitle), MARGIN + width * 0.62, doc.y, { width: width * 0.38, align: 'right' });
  const rightBottom = doc.y;
  let y = Math.max(leftBottom, rightBottom) + 6;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.8).strokeColor(RULE).stroke();
  y += 5;
  // The patient.
  const parts: string[] = [`${label(ctx.language, 'patient')}: ${ctx.patient.name}`];
  if (ctx.patient.document) parts.push(`${label(ctx.language, 'document')}: ${ctx.patient.document}`);
  if (ctx.patient.age !== null) parts.push(`${label(ctx.language, 'age')}: ${label(ctx.language, 'ageYears', { count: ctx.patient.age })}`);
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor(INK).text(safe(parts[0]!), MARGIN, y, { width, continued: parts.length > 1 });
  if (parts.length > 1) doc.font('Helvetica').text(safe(`   ·   ${parts.slice(1).join('   ·   ')}`), { width });
  y = doc.y + 4;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.4).strokeColor(RULE).stroke();
  doc.x = MARGIN;
  doc.y = y + 8;
}

/** Moves to a new page when fewer than `needed` points are left. */
export function ensureRoom(open: OpenDocument, needed: number): void {
  if (open.doc.y + needed > open.bottom()) open.newPage();
}

export function sectionTitle(open: OpenDocument, text: string): void {
  ensureRoom(open, 40);
  open.doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(safe(text), MARGIN, open.doc.y, { width: open.width });
  open.doc.moveDown(0.25);
}
