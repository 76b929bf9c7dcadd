import { type DescribedItem, describeChart } from '../../../shared/chart/describe';
import { type ChartEntry, type ChartState, chartTeeth } from '../../../shared/chart/events';
import { type FindingStatus, type TreatmentArea, ABSENT_STATES } from '../../../shared/chart/findings';
import { type Surface } from '../../../shared/chart/surfaces';
import { type Notation, type ToothId, displayColumn, formatTooth, isPrimary, isSupernumerary, isUpper } from '../../../shared/chart/teeth';
import type { ChartPalette } from '../../../shared/contract/chairside';
import { type Language } from '../../../shared/i18n/languages';
import { FINDING_STATUSES } from '../../../shared/chart/findings';
import { STATUS_MARKS, type StatusPattern } from '../../../shared/chart/status-marks';
import { INK, MARGIN, MUTED, type OpenDocument, type PrintContext, ensureRoom, formatInstant, label, openDocument, safe, sectionTitle } from './pdf-common';

/*
 * The chart on paper: a vector odontogram (each tooth as the classic square of
 * five surfaces, coloured by the status of what is recorded on them, with
 * whole-tooth states marked under it; primary teeth on inner rows below their
 * successors), the practice's colour legend, and the text list of every
 * finding grouped per tooth in the practice's numbering (describeChart).
 */

export interface ChartPrintInput {
  state: ChartState;
  numbering: Notation;
  palette: ChartPalette;
  /** Procedure names by upper-case code, in the print's language. */
  names: Map<string, string>;
  /** The instant shown, or null for now. */
  asOf: string | null;
}

const GRID_LINE = '#9ca3af';
const EMPTY_FILL = '#ffffff';

/** The colour of a tooth state's mark: planned work in the planned colour, anything in the mouth as existing. */
function stateColour(state: string, palette: ChartPalette): string {
  return state === 'extraction_planned' ? palette.planned : state === 'fracture' || state === 'root_remnant' ? palette.condition : palette.existing;
}

/** A painted mark: its colour, and the status whose pattern or line goes with it (none for a tooth state). */
interface Mark {
  colour: string;
  status: FindingStatus | null;
}

interface ToothPaint {
  surfaces: Partial<Record<'top' | 'bottom' | 'left' | 'right' | 'center', Mark>>;
  ring: Mark | null;
  cross: string | null;
  marks: { text: string; colour: string }[];
}

/** Which square of the diagram a surface is: facial outward (top on the upper arch), mesial toward the midline. */
function regionOf(surface: Surface, tooth: ToothId): keyof ToothPaint['surfaces'] {
  const upper = isUpper(tooth);
  const mesialRight = displayColumn(tooth) <= 7;
  switch (surface) {
    case 'O':
    case 'I':
      return 'center';
    case 'B':
    case 'F':
    case 'B5':
    case 'F5':
      return upper ? 'top' : 'bottom';
    case 'L':
      return upper ? 'bottom' : 'top';
    case 'M':
      return mesialRight ? 'right' : 'left';
    case 'D':
      return mesialRight ? 'left' : 'right';
  }
}

function paintOf(entries: readonly ChartEntry[], tooth: ToothId, palette: ChartPalette, language: Language): ToothPaint {
  const paint: ToothPaint = { surfaces: {}, ring: null, cross: null, marks: [] };
  for (const entry of entries) {
    const item = entry.item;
    if (item.type === 'tooth_state' && item.tooth === tooth) {
      const colour = stateColour(item.state, palette);
      if (item.state === 'missing' || item.state === 'extracted' || item.state === 'extraction_planned') paint.cross = colour;
      if (item.state === 'crown') paint.ring = { colour, status: null };
      paint.marks.push({ text: label(language, `stateMarks.${item.state}`), colour });
    } else if (item.type === 'finding') {
      const colour = palette[item.status];
      const area: TreatmentArea = item.area;
      if (area.kind === 'surface' && area.tooth === tooth) {
        for (const s of area.surfaces) paint.surfaces[regionOf(s, tooth)] = { colour, status: item.status };
      } else if ((area.kind === 'tooth' && area.tooth === tooth) || (area.kind === 'range' && area.teeth.includes(tooth))) {
        paint.ring = { colour, status: item.status };
        paint.marks.push({ text: item.code, colour });
      }
    }
  }
  return paint;
}

/*
 * Colour alone carries no meaning on paper either (a grey-scale print, a
 * colour-blind reader): each status's surface pattern and ring line from
 * shared/chart/status-marks.ts, drawn over its colour as the screen does.
 */
const PATTERN_MARK = '#ffffff';

function patternOver(doc: PDFKit.PDFDocument, points: [number, number][], pattern: StatusPattern, tile = 3.2): void {
  if (pattern === 'solid') return;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  doc.save();
  doc.polygon(...points).clip();
  doc.fillColor(PATTERN_MARK).strokeColor(PATTERN_MARK).opacity(0.85).lineWidth(tile * 0.22);
  for (let ty = y0 - tile; ty < y1 + tile; ty += tile) {
    for (let tx = x0 - tile; tx < x1 + tile; tx += tile) {
      switch (pattern) {
        case 'hatch':
          doc.moveTo(tx, ty + tile).lineTo(tx + tile, ty);
          break;
        case 'crosshatch':
          doc.moveTo(tx, ty).lineTo(tx + tile, ty + tile).moveTo(tx, ty + tile).lineTo(tx + tile, ty);
          break;
        case 'dots':
          doc.circle(tx + tile / 2, ty + tile / 2, tile * 0.22);
          break;
        case 'stripes':
          doc.rect(tx, ty + tile / 2 - tile * 0.12, tile, tile * 0.24);
          break;
        case 'checks':
          doc.rect(tx, ty, tile / 2, tile / 2).rect(tx + tile / 2, ty + tile / 2, tile / 2, tile / 2);
          break;
      }
    }
  }
  if (pattern === 'hatch' || pattern === 'crosshatch') doc.stroke();
  else doc.fill();
  doc.restore();
}

/** Strokes the current path in a status's colour with its dash, the same line the screen's ring uses. */
function strokeWithLine(doc: PDFKit.PDFDocument, colour: string, status: FindingStatus | null): void {
  const dash = status ? STATUS_MARKS[status].dash : undefined;
  if (dash) {
    const [length = 3, space = 2] = dash.split(' ').map(Number);
    doc.dash(length * 0.5, { space: space * 0.5 });
  }
  doc.stroke(colour);
  doc.undash();
}

function drawTooth(doc: PDFKit.PDFDocument, x: number, y: number, size: number, paint: ToothPaint, absent: boolean): void {
  const inset = size * 0.3;
  const ix = x + inset;
  const iy = y + inset;
  const is = size - inset * 2;
  const polygon = (points: [number, number][], region: keyof ToothPaint['surfaces']) => {
    const mark = paint.surfaces[region];
    doc.polygon(...points).lineWidth(0.5).fillAndStroke(mark?.colour ?? EMPTY_FILL, GRID_LINE);
    if (mark?.status) patternOver(doc, points, STATUS_MARKS[mark.status].pattern);
  };
  if (!absent) {
    polygon([[x, y], [x + size, y], [ix + is, iy], [ix, iy]], 'top');
    polygon([[ix, iy + is], [ix + is, iy + is], [x + size, y + size], [x, y + size]], 'bottom');
    polygon([[x, y], [ix, iy], [ix, iy + is], [x, y + size]], 'left');
    polygon([[ix + is, iy], [x + size, y], [x + size, y + size], [ix + is, iy + is]], 'right');
    polygon([[ix, iy], [ix + is, iy], [ix + is, iy + is], [ix, iy + is]], 'center');
  } else {
    doc.rect(x, y, size, size).lineWidth(0.5).dash(1.5, { space: 1.5 }).stroke(GRID_LINE).undash();
  }
  if (paint.ring) {
    doc.circle(x + size / 2, y + size / 2, size * 0.72).lineWidth(1.2);
    strokeWithLine(doc, paint.ring.colour, paint.ring.status);
  }
  if (paint.cross) {
    doc.moveTo(x - 2, y - 2).lineTo(x + size + 2, y + size + 2).moveTo(x + size + 2, y - 2).lineTo(x - 2, y + size + 2).lineWidth(1.6).stroke(paint.cross);
  }
}

function drawMarks(doc: PDFKit.PDFDocument, x: number, y: number, width: number, marks: ToothPaint['marks']): void {
  const shown = marks.slice(0, 2);
  const more = marks.length - shown.length;
  doc.font('Helvetica-Bold').fontSize(5.6);
  let line = y;
  for (const m of shown) {
    doc.fillColor(m.colour).text(safe(m.text), x, line, { width, align: 'center', lineBreak: false, height: 7 });
    line += 6.5;
  }
  if (more > 0) doc.fillColor(MUTED).text(`+${more}`, x, line, { width, align: 'center', lineBreak: false, height: 7 });
}

/** The odontogram: up to four rows (upper permanent, upper primary, lower primary, lower permanent). */
function drawOdontogram(open: OpenDocument, input: ChartPrintInput, language: Language): void {
  const { doc, width } = open;
  const teeth = chartTeeth(input.state).filter((t) => !isSupernumerary(t));
  const absent = new Set<ToothId>();
  for (const e of input.state.entries) if (e.item.type === 'tooth_state' && ABSENT_STATES.has(e.item.state)) absent.add(e.item.tooth);
  const hasPrimary = teeth.some(isPrimary);
  const rows: { teeth: ToothId[]; upper: boolean; primary: boolean }[] = [
    { teeth: teeth.filter((t) => isUpper(t) && !isPrimary(t)), upper: true, primary: false },
    ...(hasPrimary
      ? [
          { teeth: teeth.filter((t) => isUpper(t) && isPrimary(t)), upper: true, primary: true },
          { teeth: teeth.filter((t) => !isUpper(t) && isPrimary(t)), upper: false, primary: true },
        ]
      : []),
    { teeth: teeth.filter((t) => !isUpper(t) && !isPrimary(t)), upper: false, primary: false },
  ];
  const column = width / 16;
  const rowHeight = (primary: boolean) => (primary ? 46 : 58);
  const total = rows.reduce((s, r) => s + rowHeight(r.primary), 0) + 10;
  ensureRoom(open, total + 10);
  const top = doc.y + 4;
  let y = top;
  for (const [i, row] of rows.entries()) {
    const size = row.primary ? 15 : 20;
    const height = rowHeight(row.primary);
    if (i === rows.findIndex((r) => !r.upper)) {
      // The occlusal plane between the arches.
      doc.moveTo(MARGIN, y + 2).lineTo(MARGIN + width, y + 2).lineWidth(0.6).dash(3, { space: 2 }).stroke('#d1d5db').undash();
      y += 10;
    }
    for (const tooth of row.teeth) {
      const cx = MARGIN + column * displayColumn(tooth) + column / 2;
      const x = cx - size / 2;
      const paint = paintOf(input.state.entries, tooth, input.palette, language);
      // Upper rows: number above, marks below; lower rows the other way round, so numbers face outward.
      const numberY = row.upper ? y : y + height - 10;
      const squareY = row.upper ? y + 11 : y + height - 13 - size;
      const markLines = Math.min(paint.marks.length, 2) + (paint.marks.length > 2 ? 1 : 0);
      const marksY = row.upper ? squareY + size + 6.5 : squareY - 5.5 - markLines * 6.5;
      doc.font(row.primary ? 'Helvetica' : 'Helvetica-Bold').fontSize(row.primary ? 6.5 : 7.5).fillColor(INK);
      doc.text(safe(formatTooth(tooth, input.numbering)), cx - column / 2, numberY, { width: column, align: 'center', lineBreak: false });
      drawTooth(doc, x, squareY, size, paint, absent.has(tooth));
      drawMarks(doc, cx - column / 2, marksY, column, paint.marks);
    }
    y += height;
  }
  // The midline.
  doc.moveTo(MARGIN + width / 2, top - 2).lineTo(MARGIN + width / 2, y + 2).lineWidth(0.6).stroke('#d1d5db');
  doc.x = MARGIN;
  doc.y = y + 8;
}

function drawLegend(open: OpenDocument, palette: ChartPalette, language: Language): void {
  const { doc, width } = open;
  ensureRoom(open, 36);
  let y = doc.y;
  doc.font('Helvetica-Bold').fontSize(8).fillColor(INK).text(safe(label(language, 'chart.legend')), MARGIN, y, { lineBreak: false });
  let x = MARGIN + 48;
  for (const status of FINDING_STATUSES) {
    const text = safe(label(language, `statuses.${status}`));
    doc.font('Helvetica').fontSize(8);
    const w = doc.widthOfString(text) + 22;
    if (x + w > MARGIN + width) {
      // The next line, never a status left out of the legend.
      x = MARGIN + 48;
      y += 13;
    }
    const square: [number, number][] = [[x, y], [x + 9, y], [x + 9, y + 9], [x, y + 9]];
    doc.polygon(...square).lineWidth(0.4).fillAndStroke(palette[status], GRID_LINE);
    patternOver(doc, square, STATUS_MARKS[status].pattern);
    doc.moveTo(x + 11, y + 4.5).lineTo(x + 19, y + 4.5).lineWidth(1.4);
    strokeWithLine(doc, palette[status], status);
    doc.fillColor(INK).text(text, x + 22, y + 1, { lineBreak: false });
    x += w + 10;
  }
  doc.x = MARGIN;
  doc.y = y + 16;
  doc.font('Helvetica').fontSize(7).fillColor(MUTED).text(safe(label(language, 'chart.legendMarks')), MARGIN, doc.y, { width });
  doc.moveDown(0.6);
}

interface ListItem {
  status: FindingStatus | null;
  colour: string;
  text: string;
}

function describeItem(item: DescribedItem, input: ChartPrintInput, language: Language): ListItem {
  if (item.kind === 'state') {
    return { status: null, colour: stateColour(item.code, input.palette), text: `${label(language, `toothStates.${item.code}`)}${item.note ? ` (${item.note})` : ''}` };
  }
  const name = input.names.get(item.code.toUpperCase());
  const parts = [item.code, name ? `— ${name}` : ''];
  if (item.surfaces.length) parts.push(`· ${label(language, 'chart.surfaces')}: ${item.surfaces.join('')}`);
  if (item.span?.length) parts.push(`· ${label(language, 'chart.span', { teeth: item.span.join('–') })}`);
  const text = `${label(language, `statuses.${item.status}`)}: ${parts.filter(Boolean).join(' ')}${item.note ? ` (${item.note})` : ''}`;
  return { status: item.status, colour: item.status ? input.palette[item.status] : INK, text };
}

function areaName(area: TreatmentArea, language: Language): string {
  switch (area.kind) {
    case 'quadrant':
      return label(language, `areas.quadrants.${area.quadrant}`);
    case 'sextant':
      return label(language, 'areas.sextant', { n: area.sextant });
    case 'arch':
      return label(language, `areas.arches.${area.arch}`);
    default:
      return label(language, 'areas.mouth');
  }
}

function drawList(open: OpenDocument, input: ChartPrintInput, language: Language): void {
  const { doc, width } = open;
  const description = describeChart(input.state, input.numbering, language);
  sectionTitle(open, label(language, 'chart.findings'));
  if (description.teeth.length === 0 && description.areas.length === 0) {
    doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(safe(label(language, 'chart.none')), MARGIN, doc.y, { width });
    return;
  }
  const labelWidth = 44;
  const line = (toothText: string, items: ListItem[]) => {
    doc.font('Helvetica').fontSize(8.5);
    const heights = items.map((i) => doc.heightOfString(safe(`• ${i.text}`), { width: width - labelWidth }));
    ensureRoom(open, Math.min(heights.reduce((a, b) => a + b, 0) + 4, 120));
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(safe(toothText), MARGIN, y, { width: labelWidth - 4 });
    doc.y = y;
    for (const item of items) {
      ensureRoom(open, 12);
      const itemY = doc.y;
      const square: [number, number][] = [
        [MARGIN + labelWidth, itemY + 2.5],
        [MARGIN + labelWidth + 5, itemY + 2.5],
        [MARGIN + labelWidth + 5, itemY + 7.5],
        [MARGIN + labelWidth, itemY + 7.5],
      ];
      doc.polygon(...square).fill(item.colour);
      if (item.status) patternOver(doc, square, STATUS_MARKS[item.status].pattern, 2.5);
      doc.font('Helvetica').fontSize(8.5).fillColor(INK).text(safe(item.text), MARGIN + labelWidth + 9, itemY, { width: width - labelWidth - 9 });
    }
    doc.moveDown(0.3);
  };
  for (const tooth of description.teeth) {
    line(tooth.toothLabel, tooth.items.map((i) => describeItem(i, input, language)));
  }
  if (description.areas.length) {
    doc.moveDown(0.4);
    sectionTitle(open, label(language, 'chart.areas'));
    for (const area of description.areas) line('', [{ ...describeItem(area.items[0]!, input, language), text: `${areaName(area.area, language)} — ${describeItem(area.items[0]!, input, language).text}` }]);
  }
}

export async function renderChartPdf(ctx: PrintContext, input: ChartPrintInput): Promise<{ pdf: Buffer; pages: number }> {
  const subtitle = input.asOf ? label(ctx.language, 'chart.asOf', { date: formatInstant(ctx, input.asOf) }) : label(ctx.language, 'chart.current', { date: formatInstant(ctx, ctx.now.toISOString()) });
  const open = openDocument(ctx, label(ctx.language, 'chart.title'), { subtitle });
  open.doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(safe(label(ctx.language, 'chart.numbering', { name: label(ctx.language, `numberings.${input.numbering}`) })), MARGIN, open.doc.y, { width: open.width });
  open.doc.moveDown(0.3);
  drawOdontogram(open, input, ctx.language);
  drawLegend(open, input.palette, ctx.language);
  drawList(open, input, ctx.language);
  return open.finish();
}
