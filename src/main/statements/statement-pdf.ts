import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { type PracticeMoneyFormat } from '../../shared/practice/money';
import { AGING_BUCKETS } from '../../shared/statements/aging';
import { INK, MARGIN, MUTED, type OpenDocument, type PrintContext, RULE, ensureRoom, formatDate, formatInstant, openDocument, safe, sectionTitle } from '../chairside/print/pdf-common';
import type { StatementModel } from './statement-model';

/*
 * A statement on paper, with the practice's letterhead (pdf-common): the
 * account holder and address, the postings since the last statement with the
 * balance carried, the balance due, the aging and the instalments due. One
 * function draws a statement into an open document, so a batch can also be
 * drawn as one PDF.
 */

const RED = '#b91c1c';

function t(language: Language, key: string, params: Record<string, string | number> = {}): string {
  return translate(language, `statements.pdf.${key}`, params) ?? key;
}

export function statementTitle(language: Language): string {
  return t(language, 'title');
}

export function drawStatement(open: OpenDocument, ctx: PrintContext, model: StatementModel, money: PracticeMoneyFormat): void {
  const { doc, width } = open;
  const L = model.language;
  // The holder and address on the left; the date and balance on the right.
  const top = doc.y;
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(safe(t(L, 'holder')), MARGIN, top, { width: width * 0.55 });
  doc.font('Helvetica').fontSize(10).text(safe(model.holder.name), { width: width * 0.55 });
  if (model.holder.document) doc.fontSize(9).fillColor(MUTED).text(safe(model.holder.document), { width: width * 0.55 });
  doc.fillColor(INK).fontSize(9);
  for (const line of model.holder.address) doc.text(safe(line), { width: width * 0.55 });
  const leftBottom = doc.y;
  const right = MARGIN + width * 0.58;
  const rw = width * 0.42;
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(safe(t(L, 'date', { date: formatDate(ctx, model.asOf) })), right, top, { width: rw, align: 'right' });
  doc.text(safe(model.periodFrom ? t(L, 'since', { date: formatInstant(ctx, model.periodFrom) }) : t(L, 'first')), right, doc.y, { width: rw, align: 'right' });
  doc.font('Helvetica-Bold').fontSize(12).fillColor(model.balanceMinor > 0 ? INK : MUTED).text(safe(t(L, 'balanceDue', { amount: money.format(model.balanceMinor) })), right, doc.y + 4, { width: rw, align: 'right' });
  doc.y = Math.max(leftBottom, doc.y) + 14;

  // The postings.
  sectionTitle(open, t(L, 'postings'));
  const col = { date: 62, patient: 128, amount: 84 };
  const descWidth = width - col.date - col.patient - col.amount - 12;
  const header = () => {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED);
    doc.text(safe(t(L, 'columns.date')), MARGIN, y, { width: col.date });
    doc.text(safe(t(L, 'columns.patient')), MARGIN + col.date + 4, y, { width: col.patient });
    doc.text(safe(t(L, 'columns.description')), MARGIN + col.date + col.patient + 8, y, { width: descWidth });
    doc.text(safe(t(L, 'columns.amount')), MARGIN + width - col.amount, y, { width: col.amount, align: 'right' });
    const ruleY = doc.y + 2;
    doc.moveTo(MARGIN, ruleY).lineTo(MARGIN + width, ruleY).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.y = ruleY + 4;
  };
  const row = (cells: { date: string; patient: string; description: string; amount: string }, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const h = Math.max(doc.heightOfString(safe(cells.description), { width: descWidth }), doc.heightOfString(safe(cells.patient), { width: col.patient }), 11);
    if (doc.y + h > open.bottom()) {
      open.newPage();
      header();
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    }
    const y = doc.y;
    doc.fillColor(INK);
    doc.text(safe(cells.date), MARGIN, y, { width: col.date });
    doc.text(safe(cells.patient), MARGIN + col.date + 4, y, { width: col.patient });
    doc.text(safe(cells.description), MARGIN + col.date + col.patient + 8, y, { width: descWidth });
    doc.text(safe(cells.amount), MARGIN + width - col.amount, y, { width: col.amount, align: 'right' });
    doc.y = y + h + 3;
  };
  header();
  row({ date: '', patient: '', description: t(L, 'previousBalance'), amount: money.format(model.previousBalanceMinor) }, true);
  if (model.lines.length === 0) row({ date: '', patient: '', description: t(L, 'noPostings'), amount: '' });
  for (const line of model.lines) row({ date: formatDate(ctx, line.date), patient: line.patient, description: line.description, amount: money.format(line.amountMinor) });
  const ruleY = doc.y;
  doc.moveTo(MARGIN, ruleY).lineTo(MARGIN + width, ruleY).lineWidth(0.6).strokeColor(RULE).stroke();
  doc.y = ruleY + 4;
  row({ date: '', patient: '', description: t(L, 'balance'), amount: money.format(model.balanceMinor) }, true);
  doc.moveDown(0.8);

  // The aging.
  ensureRoom(open, 70);
  sectionTitle(open, t(L, 'aging'));
  const cell = width / 5;
  let y = doc.y;
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED);
  AGING_BUCKETS.forEach((b, i) => doc.text(safe(t(L, `buckets.${b}`)), MARGIN + cell * i, y, { width: cell - 6, align: 'right' }));
  doc.text(safe(t(L, 'total')), MARGIN + cell * 4, y, { width: cell - 6, align: 'right' });
  y = doc.y + 3;
  doc.font('Helvetica').fontSize(9.5).fillColor(INK);
  AGING_BUCKETS.forEach((b, i) => doc.fillColor(b === 'over90' && model.aging.over90 > 0 ? RED : INK).text(safe(money.format(model.aging[b])), MARGIN + cell * i, y, { width: cell - 6, align: 'right' }));
  doc.font('Helvetica-Bold').fillColor(INK).text(safe(money.format(model.aging.balance)), MARGIN + cell * 4, y, { width: cell - 6, align: 'right' });
  doc.x = MARGIN;
  doc.moveDown(1);

  // The instalments due.
  if (model.instalments.length > 0) {
    ensureRoom(open, 60);
    sectionTitle(open, t(L, 'instalments'));
    for (const i of model.instalments) {
      ensureRoom(open, 14);
      const line = t(L, 'instalmentLine', { n: i.seq, date: formatDate(ctx, i.dueDate), amount: money.format(i.remainingMinor) });
      doc.font(i.overdue ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor(i.overdue ? RED : INK).text(safe(i.overdue ? `${line} · ${t(L, 'overdue')}` : line), MARGIN, doc.y, { width });
    }
    doc.moveDown(0.8);
  }
  ensureRoom(open, 30);
  doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(MUTED).text(safe(t(L, model.balanceMinor > 0 ? 'closingDue' : 'closingNothing')), MARGIN, doc.y, { width });
}

export function statementContext(base: PrintContext, model: StatementModel): PrintContext {
  return { ...base, patient: { name: model.holder.name, document: model.holder.document, age: null } };
}

export async function renderStatementPdf(ctx: PrintContext, model: StatementModel, money: PracticeMoneyFormat): Promise<{ pdf: Buffer; pages: number }> {
  const own = statementContext(ctx, model);
  const open = openDocument(own, statementTitle(model.language), { subtitle: formatDate(own, model.asOf) });
  drawStatement(open, own, model, money);
  return open.finish();
}

/** Many statements in one PDF (a batch's export): each starts a page, under its own holder's header. */
export async function renderStatementsPdf(ctx: PrintContext, models: readonly StatementModel[], money: PracticeMoneyFormat): Promise<{ pdf: Buffer; pages: number }> {
  // The header reads the context's patient when each page is drawn, so it is changed before each statement's first page.
  const shared: PrintContext = { ...ctx, patient: models[0] ? statementContext(ctx, models[0]).patient : ctx.patient };
  const open = openDocument(shared, statementTitle(ctx.language));
  models.forEach((model, i) => {
    shared.patient = statementContext(ctx, model).patient;
    if (i > 0) open.newPage();
    drawStatement(open, { ...shared, language: model.language }, model, money);
  });
  return open.finish();
}
