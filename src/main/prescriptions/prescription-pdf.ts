import type { Prescription } from '../../shared/contract/prescriptions';
import { translate } from '../../shared/i18n/translate';
import { INK, MARGIN, MUTED, type PrintContext, formatDate, formatInstant, openDocument, safe } from '../chairside/print/pdf-common';

/*
 * A prescription on paper: the practice's letterhead and the patient (the
 * shared chairside header), then one numbered block per drug (name and
 * strength, dose, how often, for how long, instructions), the prescriber's
 * name and registration number over a signature line. A voided prescription
 * prints with VOID across it and the reason, so a copy cannot pass for valid.
 */

const RED = '#b91c1c';

function t(ctx: PrintContext, key: string, params: Record<string, string | number> = {}): string {
  return translate(ctx.language, `rx.pdf.${key}`, params) ?? key;
}

export async function renderPrescriptionPdf(ctx: PrintContext, rx: Prescription): Promise<{ pdf: Buffer; pages: number }> {
  const open = openDocument(ctx, t(ctx, 'title'), { subtitle: formatDate(ctx, rx.issuedDate) });
  const { doc, width } = open;
  if (rx.void) {
    doc.font('Helvetica-Bold').fontSize(12).fillColor(RED).text(safe(t(ctx, 'voided', { reason: rx.void.reason, at: formatInstant(ctx, rx.void.at) })), MARGIN, doc.y, { width });
    doc.moveDown(0.5);
  }
  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text('Rp.', MARGIN, doc.y, { width });
  doc.moveDown(0.3);
  rx.items.forEach((item, i) => {
    if (doc.y + 70 > open.bottom() - 90) open.newPage();
    const title = [item.drug, item.strength].filter(Boolean).join(' ');
    doc.font('Helvetica-Bold').fontSize(11.5).fillColor(INK).text(safe(`${i + 1}. ${title}`), MARGIN, doc.y, { width });
    doc.font('Helvetica').fontSize(10).fillColor(INK);
    doc.text(safe(`${t(ctx, 'dose')}: ${item.dose}`), MARGIN + 16, doc.y, { width: width - 16 });
    doc.text(safe(`${t(ctx, 'frequency')}: ${item.frequency}`), MARGIN + 16, doc.y, { width: width - 16 });
    doc.text(safe(`${t(ctx, 'duration')}: ${item.duration}`), MARGIN + 16, doc.y, { width: width - 16 });
    if (item.instructions) doc.font('Helvetica-Oblique').fillColor(MUTED).text(safe(item.instructions), MARGIN + 16, doc.y, { width: width - 16 });
    doc.moveDown(0.7);
  });
  if (rx.notes) {
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(safe(t(ctx, 'notes')), MARGIN, doc.y, { width });
    doc.font('Helvetica').fontSize(10).text(safe(rx.notes), MARGIN, doc.y, { width });
    doc.moveDown(0.6);
  }
  // The signature block sits at the foot of the last page.
  const blockTop = Math.max(doc.y + 30, open.bottom() - 90);
  if (blockTop + 80 > open.bottom()) open.newPage();
  const y = Math.max(doc.y + 30, open.bottom() - 90);
  const lineX = MARGIN + width * 0.45;
  const lineW = width * 0.55;
  doc.moveTo(lineX, y + 30).lineTo(lineX + lineW, y + 30).lineWidth(0.8).strokeColor(INK).stroke();
  doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(t(ctx, 'signature')), lineX, y + 33, { width: lineW, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(safe(rx.providerName), lineX, y + 46, { width: lineW, align: 'center' });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(INK)
    .text(safe(rx.registrationNumber ? t(ctx, 'registration', { number: rx.registrationNumber }) : t(ctx, 'noRegistration')), lineX, doc.y, { width: lineW, align: 'center' });
  return open.finish();
}
