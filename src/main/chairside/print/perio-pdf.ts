import { type Notation, type ToothId, displayOrder, formatTooth } from '../../../shared/chart/teeth';
import { type PerioExam, calOf, isMissing, siteReading, toothReading } from '../../../shared/perio/exam';
import { type PerioSummary, type SiteIndex, perioSummary } from '../../../shared/perio/indices';
import { type Side, sitesLeftToRight } from '../../../shared/perio/sites';
import type { CdcAapCase } from '../../../shared/staging/cdc';
import { INK, MARGIN, MUTED, type OpenDocument, type PrintContext, ensureRoom, formatDate, formatInstant, label, openDocument, safe, sectionTitle } from './pdf-common';

/*
 * A perio exam on paper (A4 landscape): the indices, then per arch a table of
 * every site, facial and lingual, with PD, GM, CAL (= PD + GM, computed) and
 * bleeding, plus mobility and furcation per tooth. Depths at or past the
 * practice's alert show red; missing teeth are shaded.
 */

export interface PerioPrintInput {
  exam: PerioExam;
  examinerName: string | null;
  signedByName: string | null;
  numbering: Notation;
  probingAlertMm: number;
  bleedingAlertPercent: number;
  plaqueAlertPercent: number;
  cdcAap: CdcAapCase;
  staging: { stage: string; grade: string; extent: string; by: string | null; at: string } | null;
}

const RED = '#b91c1c';
const SHADE = '#e5e7eb';
const BAND = '#f3f4f6';

function indexText(ctx: PrintContext, index: SiteIndex): string {
  if (index.percent === null) return '—';
  return label(ctx.language, 'perio.indexValue', { percent: index.percent, marked: index.marked, examined: index.examined });
}

function decimal(ctx: PrintContext, value: number | null): string {
  return value === null ? '—' : new Intl.NumberFormat(ctx.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

function drawIndices(open: OpenDocument, ctx: PrintContext, input: PerioPrintInput, summary: PerioSummary): void {
  const { doc, width } = open;
  sectionTitle(open, label(ctx.language, 'perio.indices'));
  const rows: [string, string, boolean][] = [
    [label(ctx.language, 'perio.bleeding'), indexText(ctx, summary.bleeding), (summary.bleeding.percent ?? 0) > input.bleedingAlertPercent],
    [label(ctx.language, 'perio.plaque'), indexText(ctx, summary.plaque), (summary.plaque.percent ?? 0) > input.plaqueAlertPercent],
    [label(ctx.language, 'perio.suppuration'), indexText(ctx, summary.suppuration), false],
    [label(ctx.language, 'perio.calculus'), indexText(ctx, summary.calculus), false],
    [label(ctx.language, 'perio.meanPd'), `${decimal(ctx, summary.meanPd)} mm`, false],
    [label(ctx.language, 'perio.meanCal'), `${decimal(ctx, summary.meanCal)} mm`, false],
    [label(ctx.language, 'perio.depthBands'), label(ctx.language, 'perio.depthBandsValue', { a: summary.pdUpTo3, b: summary.pd4to5, c: summary.pd6plus }), summary.pd6plus > 0],
    [label(ctx.language, 'perio.cdc'), label(ctx.language, `perio.cdcCases.${input.cdcAap}`), false],
  ];
  const columnWidth = width / 2;
  const top = doc.y;
  rows.forEach(([name, value, alert], i) => {
    const x = MARGIN + (i % 2) * columnWidth;
    const y = top + Math.floor(i / 2) * 13;
    doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(`${name}:`), x, y, { width: 150, lineBreak: false });
    doc.font('Helvetica-Bold').fillColor(alert ? RED : INK).text(safe(value), x + 152, y, { width: columnWidth - 156, lineBreak: false, ellipsis: true });
  });
  doc.x = MARGIN;
  doc.y = top + Math.ceil(rows.length / 2) * 13;
  if (input.staging) {
    // The dentist's confirmed stage, on a line of its own: it can be long.
    const value = label(ctx.language, 'perio.stagingValue', {
      stage: input.staging.stage,
      grade: input.staging.grade,
      extent: label(ctx.language, `perio.extents.${input.staging.extent}`),
      name: input.staging.by ?? '—',
      at: formatInstant(ctx, input.staging.at),
    });
    const y = doc.y;
    doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(`${label(ctx.language, 'perio.staging')}:`), MARGIN, y, { width: 150, lineBreak: false });
    doc.font('Helvetica-Bold').fillColor(INK).text(safe(value), MARGIN + 152, y, { width: width - 152 });
  }
  doc.x = MARGIN;
  doc.y += 6;
}

type RowKind = 'pd' | 'gm' | 'cal' | 'bop';

function cellValue(exam: PerioExam, tooth: ToothId, site: ReturnType<typeof sitesLeftToRight>[number], row: RowKind): string {
  const reading = siteReading(exam, tooth, site);
  switch (row) {
    case 'pd':
      return reading.pd === null ? '' : String(reading.pd);
    case 'gm':
      // As entered: recession plain, a margin coronal to the CEJ with "+".
      return reading.gm === null ? '' : reading.gm < 0 ? `+${-reading.gm}` : String(reading.gm);
    case 'cal': {
      const cal = calOf(reading);
      return cal === null ? '' : String(cal);
    }
    case 'bop':
      return reading.bleeding ? '•' : '';
  }
}

function drawArch(open: OpenDocument, ctx: PrintContext, input: PerioPrintInput, teeth: ToothId[], title: string, sides: Side[]): void {
  if (teeth.length === 0) return;
  const { doc, width } = open;
  const exam = input.exam;
  const labelWidth = 58;
  const column = (width - labelWidth) / teeth.length;
  const sub = column / 3;
  const rowHeight = 10.5;
  const rowsPerSide = 4;
  const needed = rowHeight * (2 + sides.length * (rowsPerSide + 1)) + 20;
  ensureRoom(open, needed);
  sectionTitle(open, title);
  const tableTop = doc.y;
  let y = tableTop;
  const x0 = MARGIN + labelWidth;
  const rowLabel = (text: string, yy: number, bold = false) =>
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5).fillColor(INK).text(safe(text), MARGIN, yy + 2, { width: labelWidth - 4, lineBreak: false });

  // Teeth, then mobility and furcation.
  doc.rect(MARGIN, y, width, rowHeight).fill(BAND);
  rowLabel(label(ctx.language, 'perio.tooth'), y, true);
  teeth.forEach((tooth, i) => {
    const x = x0 + i * column;
    if (isMissing(exam, tooth)) doc.rect(x, y, column, rowHeight * 2).fill(SHADE);
    doc.font('Helvetica-Bold').fontSize(7.5).fillColor(INK).text(safe(formatTooth(tooth, input.numbering)), x, y + 2, { width: column, align: 'center', lineBreak: false });
  });
  y += rowHeight;
  rowLabel(label(ctx.language, 'perio.mobilityFurcation'), y);
  teeth.forEach((tooth, i) => {
    const t = toothReading(exam, tooth);
    const parts: string[] = [];
    if (t.mobility !== null && t.mobility > 0) parts.push(`M${['0', 'I', 'II', 'III'][t.mobility]}`);
    const furcation = Object.entries(t.furcation).filter(([, g]) => (g ?? 0) > 0);
    if (furcation.length) parts.push(`F${Math.max(...furcation.map(([, g]) => g ?? 0))}`);
    const text = isMissing(exam, tooth) ? label(ctx.language, 'perio.missingShort') : parts.join(' ');
    doc.font('Helvetica').fontSize(6.5).fillColor(INK).text(safe(text), x0 + i * column, y + 2, { width: column, align: 'center', lineBreak: false });
  });
  y += rowHeight + 2;

  const rows: RowKind[] = ['pd', 'gm', 'cal', 'bop'];
  for (const side of sides) {
    doc.font('Helvetica-Bold').fontSize(7.5).fillColor(MUTED).text(safe(label(ctx.language, side === 'facial' ? 'perio.facial' : 'perio.lingual')), MARGIN, y + 1, { width, lineBreak: false });
    y += rowHeight - 1;
    for (const [r, row] of rows.entries()) {
      if (r % 2 === 0) doc.rect(MARGIN, y, width, rowHeight).fill(BAND);
      rowLabel(label(ctx.language, `perio.rows.${row}`), y);
      teeth.forEach((tooth, i) => {
        const x = x0 + i * column;
        if (isMissing(exam, tooth)) {
          doc.rect(x, y, column, rowHeight).fill(SHADE);
          return;
        }
        sitesLeftToRight(tooth, side).forEach((site, s) => {
          const value = cellValue(exam, tooth, site, row);
          if (!value) return;
          const alert = (row === 'pd' && Number(value) >= input.probingAlertMm) || row === 'bop';
          doc.font(alert ? 'Helvetica-Bold' : 'Helvetica').fontSize(7).fillColor(alert ? RED : INK).text(value, x + s * sub, y + 2, { width: sub, align: 'center', lineBreak: false });
        });
      });
      y += rowHeight;
    }
    y += 3;
  }
  // Tooth separators.
  teeth.forEach((_, i) => {
    if (i === 0) return;
    doc.moveTo(x0 + i * column, tableTop).lineTo(x0 + i * column, y - 3).lineWidth(0.3).stroke('#d1d5db');
  });
  doc.x = MARGIN;
  doc.y = y + 6;
}

export async function renderPerioPdf(ctx: PrintContext, input: PerioPrintInput): Promise<{ pdf: Buffer; pages: number }> {
  const exam = input.exam;
  const open = openDocument(ctx, label(ctx.language, 'perio.title'), { landscape: true, subtitle: label(ctx.language, 'perio.examOf', { date: formatDate(ctx, exam.date) }) });
  const { doc, width } = open;
  const status =
    exam.status === 'signed' && exam.signedAt
      ? label(ctx.language, 'signedBy', { name: input.signedByName ?? '—', at: formatInstant(ctx, exam.signedAt) })
      : label(ctx.language, 'draft');
  const examiner = input.examinerName ? `${label(ctx.language, 'perio.examiner', { name: input.examinerName })}   ·   ` : '';
  doc.font('Helvetica').fontSize(8.5).fillColor(exam.status === 'signed' ? INK : RED).text(safe(`${examiner}${status}`), MARGIN, doc.y, { width });
  doc.moveDown(0.4);
  drawIndices(open, ctx, input, perioSummary(exam));
  const rows = displayOrder(exam.teeth);
  drawArch(open, ctx, input, rows.upper, label(ctx.language, 'perio.upper'), ['facial', 'lingual']);
  drawArch(open, ctx, input, rows.lower, label(ctx.language, 'perio.lower'), ['lingual', 'facial']);
  ensureRoom(open, 24);
  doc.font('Helvetica').fontSize(7).fillColor(MUTED).text(safe(label(ctx.language, 'perio.legend', { alert: input.probingAlertMm })), MARGIN, doc.y, { width });
  return open.finish();
}
