import type { NoteDetail } from '../../../shared/contract/chairside';
import { INK, MARGIN, MUTED, type PrintContext, ensureRoom, formatDate, formatInstant, label, openDocument, safe, sectionTitle } from './pdf-common';

/*
 * A progress note on paper: the visit, who signed it and when (or DRAFT), each
 * section under its heading, the teeth and procedures it is linked to, and
 * every addendum with its signature.
 */

export interface NotePrintInput {
  note: NoteDetail;
  /** Tooth labels in the practice's numbering. */
  teeth: string[];
  /** One line per linked chart item or event ("RES-C2 — Composite, 2 surfaces · 16 MO · Realizado"). */
  procedures: string[];
}

const RED = '#b91c1c';

export async function renderNotePdf(ctx: PrintContext, input: NotePrintInput): Promise<{ pdf: Buffer; pages: number }> {
  const { note } = input;
  const title = note.title || label(ctx.language, 'note.title');
  const open = openDocument(ctx, title, { subtitle: label(ctx.language, 'note.visit', { date: formatDate(ctx, note.visitDate) }) });
  const { doc, width } = open;
  const version = note.signedVersion ?? note.heads[0] ?? null;

  const status =
    note.status === 'signed' && note.signedAt
      ? label(ctx.language, 'signedBy', { name: note.signedByName ?? '—', at: formatInstant(ctx, note.signedAt) })
      : label(ctx.language, 'draft');
  doc.font('Helvetica-Bold').fontSize(9).fillColor(note.status === 'signed' ? INK : RED).text(safe(status), MARGIN, doc.y, { width });
  if (note.conflict) doc.font('Helvetica').fontSize(8.5).fillColor(RED).text(safe(label(ctx.language, 'note.conflict')), { width });
  const authors = [...new Set(note.versions.map((v) => v.authorName).filter((n): n is string => !!n))];
  if (authors.length) doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(safe(label(ctx.language, 'note.authors', { names: authors.join(', ') })), { width });
  doc.moveDown(0.6);

  const sections = version?.content.sections ?? [];
  if (sections.every((s) => !s.text.trim())) {
    doc.font('Helvetica-Oblique').fontSize(9.5).fillColor(MUTED).text(safe(label(ctx.language, 'note.empty')), MARGIN, doc.y, { width });
  }
  for (const section of sections) {
    if (!section.text.trim()) continue;
    ensureRoom(open, 36);
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(safe(section.heading || section.key), MARGIN, doc.y, { width });
    doc.moveDown(0.15);
    doc.font('Helvetica').fontSize(9.5).fillColor(INK).text(safe(section.text.trim()), MARGIN, doc.y, { width, lineGap: 1.5 });
    doc.moveDown(0.6);
  }

  if (input.teeth.length || input.procedures.length) {
    doc.moveDown(0.2);
    sectionTitle(open, label(ctx.language, 'note.links'));
    if (input.teeth.length) {
      doc.font('Helvetica').fontSize(9).fillColor(INK).text(safe(`${label(ctx.language, 'note.teeth')}: ${input.teeth.join(', ')}`), MARGIN, doc.y, { width });
    }
    for (const line of input.procedures) {
      ensureRoom(open, 14);
      doc.font('Helvetica').fontSize(9).fillColor(INK).text(safe(`• ${line}`), MARGIN, doc.y, { width });
    }
    doc.moveDown(0.6);
  }

  if (note.addenda.length) {
    sectionTitle(open, label(ctx.language, 'note.addenda'));
    for (const addendum of note.addenda) {
      ensureRoom(open, 40);
      doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED).text(safe(label(ctx.language, 'note.addendumBy', { name: addendum.signedByName ?? '—', at: formatInstant(ctx, addendum.signedAt) })), MARGIN, doc.y, { width });
      doc.font('Helvetica').fontSize(9.5).fillColor(INK).text(safe(addendum.text), MARGIN, doc.y, { width, lineGap: 1.5 });
      doc.moveDown(0.5);
    }
  }
  return open.finish();
}
