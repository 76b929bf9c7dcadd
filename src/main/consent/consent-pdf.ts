import { translate } from '../../shared/i18n/translate';
import { INK, MARGIN, MUTED, type PrintContext, formatInstant, openDocument, safe } from '../chairside/print/pdf-common';

/*
 * A consent form as signed: the letterhead and patient, the text the patient
 * read, then the signature (the drawn image, or the typed name with the
 * statement that it was signed by typing it), the signer's name, the instant
 * and the staff member present. Rendered once, at signing; its bytes are what
 * is archived and reprinted.
 */

export interface ConsentPdfInput {
  title: string;
  body: string;
  signerName: string;
  method: 'drawn' | 'typed';
  signaturePng: Buffer | null;
  signedAt: string;
  witnessName: string | null;
  consentId: string;
}

function t(ctx: PrintContext, key: string, params: Record<string, string | number> = {}): string {
  return translate(ctx.language, `consent.pdf.${key}`, params) ?? key;
}

export async function renderConsentPdf(ctx: PrintContext, input: ConsentPdfInput): Promise<{ pdf: Buffer; pages: number }> {
  const open = openDocument(ctx, t(ctx, 'header'));
  const { doc, width } = open;
  doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(safe(input.title), MARGIN, doc.y, { width });
  doc.moveDown(0.6);
  for (const paragraph of input.body.split(/\n{2,}/)) {
    if (doc.y + 40 > open.bottom()) open.newPage();
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(safe(paragraph.trim()), MARGIN, doc.y, { width, align: 'justify', lineGap: 1.5 });
    doc.moveDown(0.6);
  }
  if (doc.y + 150 > open.bottom()) open.newPage();
  doc.moveDown(0.8);
  const boxX = MARGIN;
  const boxW = width * 0.55;
  let y = doc.y;
  if (input.method === 'drawn' && input.signaturePng) {
    doc.image(input.signaturePng, boxX, y, { fit: [boxW, 80] });
    y += 84;
  } else {
    doc.font('Helvetica-Oblique').fontSize(20).fillColor(INK).text(safe(input.signerName), boxX, y + 40, { width: boxW });
    y += 84;
  }
  doc.moveTo(boxX, y).lineTo(boxX + boxW, y).lineWidth(0.8).strokeColor(INK).stroke();
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(safe(input.signerName), boxX, y + 4, { width: boxW });
  doc.font('Helvetica').fontSize(8.5).fillColor(MUTED);
  doc.text(safe(t(ctx, input.method === 'drawn' ? 'signedDrawn' : 'signedTyped', { at: formatInstant(ctx, input.signedAt) })), boxX, doc.y, { width: boxW });
  if (input.witnessName) doc.text(safe(t(ctx, 'witness', { name: input.witnessName })), boxX, doc.y, { width: boxW });
  doc.text(safe(t(ctx, 'reference', { id: input.consentId })), boxX, doc.y, { width: boxW });
  return open.finish();
}
