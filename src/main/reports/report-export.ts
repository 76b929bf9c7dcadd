import Papa from 'papaparse';
import PDFDocument from 'pdfkit';
import type { AgingReport, DaySheet, ProductionReport, ReportRequest, TreatmentPlansReport } from '../../shared/contract/reports';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { type PracticeMoneyFormat, currencyMinorDigits } from '../../shared/practice/money';
import { cashDifference } from '../../shared/reports/aggregate';
import { AGING_BUCKETS } from '../../shared/statements/aging';
import { INK, MARGIN, MUTED, RULE, formatDate, formatInstant, safe, type PrintContext } from '../chairside/print/pdf-common';

/*
 * Reports as files: CSV (UTF-8 with a BOM, the language's delimiter, amounts
 * as plain numbers in the currency's units, cells that look like formulas
 * guarded) or PDF (the practice's letterhead, the same tables, and the
 * production/collections bars where there are some to compare).
 */

/** Cells a spreadsheet would run as formulas, but not a plain negative amount ('-5000'), which must stay a number. */
const FORMULA = /^[=+\-@\t\r](?!\d+([.,]\d+)?$)/;

export type ReportData =
  | { kind: 'daySheet'; data: DaySheet; countedCashMinor: number | null }
  | { kind: 'production'; data: ProductionReport }
  | { kind: 'aging'; data: AgingReport }
  | { kind: 'treatmentPlans'; data: TreatmentPlansReport };

interface Table {
  title: string;
  columns: string[];
  /** Which columns are amounts (right-aligned, formatted). */
  amounts: boolean[];
  rows: (string | number)[][];
}

interface Built {
  title: string;
  subtitle: string;
  tables: Table[];
  note: string | null;
  bars: { label: string; production: number; collections: number }[];
}

const t = (language: Language, key: string, params: Record<string, string | number> = {}) => translate(language, `reports.${key}`, params) ?? key;

/** Minor units as a plain decimal for spreadsheets ("12500", "125.50"), from the integer, never through a float. */
export function decimalString(minor: number, currency: string, mark: string): string {
  const digits = currencyMinorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}${mark}${abs.slice(-digits)}`;
}

function providerLabel(language: Language, name: string): string {
  return name || t(language, 'unassigned');
}

function categoryLabel(language: Language, category: string): string {
  return category ? t(language, `categories.${category}`) : t(language, 'unassigned');
}

function build(language: Language, report: ReportData, ctx: PrintContext, _money: PracticeMoneyFormat): Built {
  const totalsColumns = [t(language, 'columns.production'), t(language, 'columns.collections'), t(language, 'columns.adjustments')];
  if (report.kind === 'daySheet') {
    const d = report.data;
    const cash = report.countedCashMinor === null ? null : cashDifference(d.expectedCashMinor, { totalMinor: report.countedCashMinor });
    const tables: Table[] = [
      {
        title: t(language, 'daySheet.byProvider'),
        columns: [t(language, 'columns.provider'), ...totalsColumns],
        amounts: [false, true, true, true],
        rows: [...d.byProvider.map((p) => [providerLabel(language, p.name), p.production, p.collections, p.adjustments]), [t(language, 'total'), d.totals.production, d.totals.collections, d.totals.adjustments]],
      },
      {
        title: t(language, 'daySheet.byMethod'),
        columns: [t(language, 'columns.method'), t(language, 'columns.collections')],
        amounts: [false, true],
        rows: [...d.byMethod.map((m) => [m.method ? t(language, `methods.${m.method}`) : t(language, 'unassigned'), m.amountMinor]), [t(language, 'total'), d.totals.collections]],
      },
      {
        title: t(language, 'daySheet.cash'),
        columns: ['', t(language, 'columns.amount')],
        amounts: [false, true],
        rows: [
          [t(language, 'daySheet.expectedCash'), d.expectedCashMinor],
          ...(cash ? [[t(language, 'daySheet.countedCash'), cash.countedMinor], [t(language, 'daySheet.difference'), cash.differenceMinor]] : []),
        ],
      },
    ];
    return { title: t(language, 'daySheet.title'), subtitle: formatDate(ctx, d.date), tables, note: null, bars: d.byProvider.map((p) => ({ label: providerLabel(language, p.name), production: p.production, collections: p.collections })) };
  }
  if (report.kind === 'production') {
    const d = report.data;
    return {
      title: t(language, 'production.title'),
      subtitle: t(language, 'range', { from: formatDate(ctx, d.from), to: formatDate(ctx, d.to) }),
      note: null,
      bars: d.byProvider.map((p) => ({ label: providerLabel(language, p.name), production: p.production, collections: p.collections })),
      tables: [
        {
          title: t(language, 'production.byProvider'),
          columns: [t(language, 'columns.provider'), ...totalsColumns],
          amounts: [false, true, true, true],
          rows: [...d.byProvider.map((p) => [providerLabel(language, p.name), p.production, p.collections, p.adjustments]), [t(language, 'total'), d.totals.production, d.totals.collections, d.totals.adjustments]],
        },
        {
          title: t(language, 'production.byCategory'),
          columns: [t(language, 'columns.category'), t(language, 'columns.production'), t(language, 'columns.collections')],
          amounts: [false, true, true],
          rows: d.byCategory.map((c) => [categoryLabel(language, c.category), c.production, c.collections]),
        },
        {
          title: t(language, 'production.byDay'),
          columns: [t(language, 'columns.date'), t(language, 'columns.production'), t(language, 'columns.collections')],
          amounts: [false, true, true],
          rows: d.byDay.map((r) => [formatDate(ctx, r.date), r.production, r.collections]),
        },
      ],
    };
  }
  if (report.kind === 'aging') {
    const d = report.data;
    const bucketColumns = AGING_BUCKETS.map((b) => t(language, `buckets.${b}`));
    return {
      title: t(language, 'aging.title'),
      subtitle: t(language, 'aging.asOf', { date: formatDate(ctx, d.asOf) }),
      note: null,
      bars: [],
      tables: [
        {
          title: t(language, 'aging.byAccount'),
          columns: [t(language, 'columns.guarantor'), ...bucketColumns, t(language, 'columns.balance')],
          amounts: [false, true, true, true, true, true],
          rows: [...d.rows.map((r) => [r.name, r.current, r.days31to60, r.days61to90, r.over90, r.balance]), [t(language, 'total'), d.totals.current, d.totals.days31to60, d.totals.days61to90, d.totals.over90, d.totals.balance]],
        },
      ],
    };
  }
  const d = report.data;
  return {
    title: t(language, 'plans.title'),
    subtitle: formatInstant(ctx, ctx.now.toISOString()),
    note: null,
    bars: [],
    tables: [
      {
        title: t(language, 'plans.outstanding'),
        columns: [t(language, 'columns.patient'), t(language, 'columns.status'), t(language, 'columns.items'), t(language, 'columns.amount')],
        amounts: [false, false, false, true],
        rows: [...d.rows.map((r) => [r.name, r.status, String(r.items), r.amountMinor]), ...(d.rows.length ? [[t(language, 'total'), '', '', d.totalMinor]] : [])],
      },
    ],
  };
}

export function reportFileBase(language: Language, request: ReportRequest): string {
  const name = t(language, `fileNames.${request.kind}`);
  if (request.kind === 'daySheet') return `${name}-${request.date}`;
  if (request.kind === 'production') return `${name}-${request.from}-${request.to}`;
  if (request.kind === 'aging') return `${name}${request.asOf ? `-${request.asOf}` : ''}`;
  return name;
}

export function reportCsv(language: Language, report: ReportData, ctx: PrintContext, money: PracticeMoneyFormat): string {
  const built = build(language, report, ctx, money);
  const mark = language === 'es' ? ',' : '.';
  const delimiter = language === 'es' ? ';' : ',';
  const parts: string[] = [];
  if (built.note) parts.push(Papa.unparse([[built.note]], { delimiter, newline: '\r\n', escapeFormulae: FORMULA }));
  for (const table of built.tables) {
    const data = table.rows.map((row) => row.map((cell, i) => (table.amounts[i] && typeof cell === 'number' ? decimalString(cell, money.currency, mark) : String(cell))));
    parts.push(Papa.unparse({ fields: [table.title, ...table.columns.slice(1)].map((c, i) => (i === 0 ? `${table.title} - ${table.columns[0] || ''}`.replace(/ - $/, '') : c)), data }, { delimiter, newline: '\r\n', escapeFormulae: FORMULA }));
  }
  return `\uFEFF${built.title} - ${built.subtitle}\r\n${parts.join('\r\n\r\n')}\r\n`;
}

export async function reportPdf(language: Language, report: ReportData, ctx: PrintContext, money: PracticeMoneyFormat): Promise<Buffer> {
  const built = build(language, report, ctx, money);
  const wide = report.kind === 'aging';
  const doc = new PDFDocument({ size: 'A4', layout: wide ? 'landscape' : 'portrait', margin: MARGIN, bufferPages: true, compress: ctx.compress ?? true, info: { Title: safe(built.title), Author: safe(ctx.practice.name), Creator: 'Consulta Dental' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const bottom = () => doc.page.height - MARGIN - 24;
  // The letterhead, as on every print: the practice on the left, the report and its period on the right.
  const letterhead = () => {
    const top = MARGIN;
    doc.font('Helvetica-Bold').fontSize(14).fillColor(INK).text(safe(ctx.practice.name), MARGIN, top, { width: width * 0.6 });
    const contact = [ctx.practice.address, ctx.practice.phone].filter(Boolean).join(' · ');
    if (contact) doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(contact), { width: width * 0.6 });
    const left = doc.y;
    doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(safe(built.title), MARGIN + width * 0.6, top, { width: width * 0.4, align: 'right' });
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(safe(built.subtitle), MARGIN + width * 0.6, doc.y, { width: width * 0.4, align: 'right' });
    const y = Math.max(left, doc.y) + 6;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.8).strokeColor(RULE).stroke();
    doc.x = MARGIN;
    doc.y = y + 10;
  };
  const newPage = () => {
    doc.addPage();
    letterhead();
  };
  letterhead();
  if (built.note) doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(safe(built.note), MARGIN, doc.y, { width }).moveDown(0.8);

  // Bars: production and collections side by side per provider.
  const bars = built.bars.filter((b) => b.production !== 0 || b.collections !== 0);
  if (bars.length > 0) {
    const max = Math.max(1, ...bars.flatMap((b) => [b.production, b.collections]));
    const labelWidth = 120;
    const barWidth = width - labelWidth - 90;
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(safe(t(language, 'chart.title')), MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    for (const b of bars) {
      if (doc.y + 26 > bottom()) newPage();
      const y = doc.y;
      doc.font('Helvetica').fontSize(8.5).fillColor(INK).text(safe(b.label), MARGIN, y + 3, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
      const p = Math.max(0, (b.production / max) * barWidth);
      const c = Math.max(0, (b.collections / max) * barWidth);
      doc.rect(MARGIN + labelWidth, y, p, 9).fill('#2563eb');
      doc.rect(MARGIN + labelWidth, y + 11, c, 9).fill('#059669');
      doc.font('Helvetica').fontSize(7.5).fillColor(MUTED);
      doc.text(safe(money.format(b.production)), MARGIN + labelWidth + p + 4, y + 1, { width: 90, lineBreak: false });
      doc.text(safe(money.format(b.collections)), MARGIN + labelWidth + c + 4, y + 12, { width: 90, lineBreak: false });
      doc.y = y + 26;
    }
    doc.rect(MARGIN + labelWidth, doc.y, 8, 8).fill('#2563eb');
    doc.font('Helvetica').fontSize(8).fillColor(INK).text(safe(t(language, 'columns.production')), MARGIN + labelWidth + 12, doc.y, { lineBreak: false });
    doc.rect(MARGIN + labelWidth + 120, doc.y, 8, 8).fill('#059669');
    doc.fillColor(INK).text(safe(t(language, 'columns.collections')), MARGIN + labelWidth + 132, doc.y, { lineBreak: false });
    doc.x = MARGIN;
    doc.y += 20;
  }

  for (const table of built.tables) {
    if (doc.y + 50 > bottom()) newPage();
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(safe(table.title), MARGIN, doc.y, { width });
    doc.moveDown(0.25);
    const first = Math.min(width * 0.4, 200);
    const rest = (width - first) / Math.max(1, table.columns.length - 1);
    const x = (i: number) => (i === 0 ? MARGIN : MARGIN + first + rest * (i - 1));
    const w = (i: number) => (i === 0 ? first - 6 : rest - 6);
    const head = () => {
      const y = doc.y;
      doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED);
      table.columns.forEach((c, i) => doc.text(safe(c), x(i), y, { width: w(i), align: i === 0 ? 'left' : 'right' }));
      const ry = doc.y + 2;
      doc.moveTo(MARGIN, ry).lineTo(MARGIN + width, ry).lineWidth(0.4).strokeColor(RULE).stroke();
      doc.y = ry + 4;
    };
    head();
    if (table.rows.length === 0) doc.font('Helvetica-Oblique').fontSize(9).fillColor(MUTED).text(safe(t(language, 'empty')), MARGIN, doc.y, { width });
    table.rows.forEach((row, r) => {
      const last = r === table.rows.length - 1 && String(row[0]) === t(language, 'total');
      doc.font(last ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      const h = Math.max(11, doc.heightOfString(safe(String(row[0])), { width: w(0) }));
      if (doc.y + h > bottom()) {
        newPage();
        head();
        doc.font(last ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
      }
      const y = doc.y;
      doc.fillColor(INK);
      row.forEach((cell, i) => doc.text(safe(table.amounts[i] && typeof cell === 'number' ? money.format(cell) : String(cell)), x(i), y, { width: w(i), align: i === 0 ? 'left' : 'right' }));
      doc.y = y + h + 3;
    });
    doc.x = MARGIN;
    doc.moveDown(0.8);
  }

  const range = doc.bufferedPageRange();
  const printedAt = formatInstant(ctx, ctx.now.toISOString());
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 10;
    doc.font('Helvetica').fontSize(7.5).fillColor('#6b7280');
    doc.text(safe(translate(language, 'print.generated', { at: printedAt, user: ctx.printedBy }) ?? ''), MARGIN, y, { width: width * 0.7, lineBreak: false });
    doc.text(translate(language, 'print.page', { n: i - range.start + 1, total: range.count }) ?? '', MARGIN + width * 0.7, y, { width: width * 0.3, align: 'right', lineBreak: false });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
