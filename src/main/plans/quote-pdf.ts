import type { Acceptance, Plan } from '../../shared/contract/plans';
import { translate } from '../../shared/i18n/translate';
import { formatMoney } from '../../shared/plans/money';
import { practiceTimeFormat } from '../../shared/practice/datetime';
import { INK, MARGIN, MUTED, RULE, type PrintContext, ensureRoom, formatInstant, openDocument, safe, sectionTitle } from '../chairside/print/pdf-common';

/*
 * The quote (presupuesto) on paper: the practice's letterhead and the patient
 * (pdf-common), the items phase by phase with fee, estimated coverage and the
 * patient's portion, subtotals per phase and the totals, then either the
 * recorded acceptance (with the drawn signature) or lines to sign on paper.
 */

export interface QuotePrintInput {
  plan: Plan;
  /** "26", "36 OD" for each item id, in the practice's numbering. */
  where: Map<string, string>;
  latest: Acceptance | null;
}

const t = (ctx: PrintContext, key: string, params: Record<string, string | number> = {}) => translate(ctx.language, `plans.print.${key}`, params) ?? key;

export async function renderQuotePdf(ctx: PrintContext, input: QuotePrintInput): Promise<{ pdf: Buffer; pages: number }> {
  const { plan } = input;
  const money = (minor: number) => formatMoney(minor, plan.currency, ctx.language, ctx.country);
  const open = openDocument(ctx, t(ctx, 'title'), { subtitle: `${plan.title} · ${practiceTimeFormat(ctx).date(plan.createdAt)}` });
  const { doc, width } = open;
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(safe(t(ctx, 'feeSchedule', { name: plan.feeScheduleName })), MARGIN, doc.y, { width });
  doc.moveDown(0.6);

  // Columns: procedure (with where), fee, coverage, patient.
  const cols = [width * 0.52, width * 0.16, width * 0.16, width * 0.16];
  const xs = cols.reduce<number[]>((acc, _w, i) => [...acc, i === 0 ? MARGIN : acc[i - 1]! + cols[i - 1]!], []);
  const row = (cells: string[], options: { bold?: boolean; colour?: string } = {}) => {
    ensureRoom(open, 16);
    const y = doc.y;
    doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor(options.colour ?? INK);
    let bottom = y;
    cells.forEach((cell, i) => {
      doc.text(safe(cell), xs[i]!, y, { width: cols[i]! - 4, align: i === 0 ? 'left' : 'right' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = MARGIN;
    doc.y = bottom + 3;
  };
  const rule = (weight = 0.4) => {
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(weight).strokeColor(RULE).stroke();
    doc.y += 3;
  };

  const live = plan.items.filter((i) => i.status !== 'declined');
  if (live.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(9.5).fillColor(MUTED).text(safe(t(ctx, 'empty')), MARGIN, doc.y, { width });
  }
  for (const { phase, totals } of plan.phases) {
    const items = live.filter((i) => i.phase === phase);
    if (items.length === 0) continue;
    sectionTitle(open, t(ctx, 'phase', { n: phase }));
    row([t(ctx, 'procedure'), t(ctx, 'fee'), t(ctx, 'coverage'), t(ctx, 'patient')], { bold: true, colour: MUTED });
    rule();
    for (const item of items) {
      const status = item.status === 'planned' ? '' : ` (${translate(ctx.language, `plans.status.${item.status}`) ?? item.status})`;
      row([`${item.code} — ${item.name[ctx.language]} · ${input.where.get(item.id) ?? ''}${status}`, money(item.feeMinor), money(item.coverageMinor), money(item.patientMinor)]);
    }
    rule();
    row([t(ctx, 'phaseTotal', { n: phase }), money(totals.feeMinor), money(totals.coverageMinor), money(totals.patientMinor)], { bold: true });
    doc.moveDown(0.4);
  }
  if (live.length) {
    ensureRoom(open, 40);
    rule(0.8);
    row([t(ctx, 'total'), money(plan.totals.feeMinor), money(plan.totals.coverageMinor), money(plan.totals.patientMinor)], { bold: true });
    doc.moveDown(0.3);
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(safe(t(ctx, 'coverageNote')), MARGIN, doc.y, { width });
  }
  doc.moveDown(1.2);

  ensureRoom(open, 120);
  const latest = input.latest;
  if (latest && latest.decision !== 'declined') {
    sectionTitle(open, t(ctx, 'acceptance'));
    const how = t(ctx, `signature.${latest.signatureKind}`);
    doc.font('Helvetica').fontSize(9).fillColor(INK).text(
      safe(t(ctx, latest.decision === 'whole' ? 'acceptedWhole' : 'acceptedPartial', { name: latest.signerName, at: formatInstant(ctx, latest.recordedAt), count: latest.itemIds.length })),
      MARGIN,
      doc.y,
      { width },
    );
    doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(`${how}${latest.recordedByName ? ` · ${t(ctx, 'recordedBy', { name: latest.recordedByName })}` : ''}`), { width });
    if (latest.signaturePng) {
      const png = Buffer.from(latest.signaturePng.replace(/^data:image\/png;base64,/, ''), 'base64');
      doc.moveDown(0.3);
      const y = doc.y;
      doc.image(png, MARGIN, y, { fit: [200, 70] });
      doc.y = y + 74;
      doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + 220, doc.y).lineWidth(0.6).strokeColor(RULE).stroke();
      doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(safe(latest.signerName), MARGIN, doc.y + 2, { width: 220 });
    } else if (latest.signatureKind === 'typed') {
      doc.moveDown(0.4);
      doc.font('Helvetica-Oblique').fontSize(16).fillColor(INK).text(safe(latest.signerName), MARGIN, doc.y, { width: 260 });
    }
  } else {
    // Lines to sign on paper.
    sectionTitle(open, t(ctx, 'signHere'));
    doc.moveDown(2.2);
    const y = doc.y;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + 220, y).lineWidth(0.6).strokeColor(INK).stroke();
    doc.moveTo(MARGIN + width - 160, y).lineTo(MARGIN + width, y).stroke();
    doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(t(ctx, 'patientSignature')), MARGIN, y + 3, { width: 220 });
    doc.text(safe(t(ctx, 'date')), MARGIN + width - 160, y + 3, { width: 160 });
    doc.x = MARGIN;
    doc.moveDown(1);
    doc.font('Helvetica').fontSize(8).fillColor(MUTED).text(safe(t(ctx, 'consent')), MARGIN, doc.y, { width });
  }
  return open.finish();
}
