import { formatSurfaces } from '../../shared/chart/surfaces';
import { type Notation, formatTooth } from '../../shared/chart/teeth';
import type { LedgerTotals } from '../../shared/contract/data-rights';
import { formatDocument } from '../../shared/identity/documents';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { perioSummary } from '../../shared/perio/indices';
import { formatPhone } from '../../shared/patients/phones';
import { practiceMoney } from '../../shared/practice/money';
import { parseJson } from '../chairside/chairside-common';
import { INK, MARGIN, MUTED, type PrintContext, formatDate, formatInstant, label, openDocument, safe } from '../chairside/print/pdf-common';
import { displayName } from '../patients/patients-repository';
import type { PatientRecordData } from './patient-record';

/*
 * The record as people read it, in the language asked for: the same content
 * as the FHIR export (demographics, alerts and history, appointments, the
 * chart's current entries, perio exams as their indices, signed notes in
 * full, documents and prescriptions when present, and the account as totals).
 */

const t = (language: Language, key: string, params: Record<string, string | number> = {}) => translate(language, `dataRights.${key}`, params) ?? key;

export interface SummaryInput {
  record: PatientRecordData;
  ctx: PrintContext;
  numbering: Notation;
  currency: string;
  ledger: LedgerTotals[];
}

export async function renderSummaryPdf(input: SummaryInput): Promise<{ pdf: Buffer; pages: number }> {
  const { record, ctx } = input;
  const lang = ctx.language;
  const open = openDocument(ctx, t(lang, 'pdf.title'));
  const { doc, width } = open;
  const ensure = (space: number) => {
    if (doc.y + space > open.bottom()) open.newPage();
  };
  const heading = (text: string) => {
    ensure(40);
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11.5).fillColor(INK).text(safe(text), MARGIN, doc.y, { width });
    doc.moveDown(0.2);
  };
  const line = (text: string, options: { muted?: boolean; bold?: boolean } = {}) => {
    ensure(14);
    doc
      .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(9.5)
      .fillColor(options.muted ? MUTED : INK)
      .text(safe(text), MARGIN, doc.y, { width });
  };
  const none = () => line(t(lang, 'pdf.none'), { muted: true });

  const p = record.patient;
  heading(t(lang, 'pdf.demographics'));
  line(`${t(lang, 'pdf.name')}: ${displayName(p)}${p.preferred_name ? ` (${p.preferred_name})` : ''}`);
  if (p.document_type && p.document_number) line(`${label(lang, 'document')}: ${p.document_type} ${formatDocument(p.document_type, p.document_number)}`);
  if (p.birth_date) line(`${t(lang, 'pdf.birthDate')}: ${formatDate(ctx, p.birth_date)}`);
  const phones = parseJson<{ e164?: string }[]>(p.phones, []).flatMap((x) => (x.e164 ? [formatPhone(x.e164, ctx.country)] : []));
  if (phones.length) line(`${t(lang, 'pdf.phones')}: ${phones.join(', ')}`);
  if (p.email) line(`${t(lang, 'pdf.email')}: ${p.email}`);
  const address = parseJson<Record<string, string> | null>(p.address, null);
  if (address) {
    const text = [address.street, address.district, address.city, address.region].filter(Boolean).join(', ');
    if (text) line(`${t(lang, 'pdf.address')}: ${text}`);
  }
  if (record.merged.length) line(`${t(lang, 'pdf.merged')}: ${record.merged.map((m) => displayName(m)).join('; ')}`);

  heading(t(lang, 'pdf.alerts'));
  if (record.alerts.length) line(record.alerts.map((a) => translate(lang, `alerts.${a}`) ?? a).join(' · '));
  else none();
  if (record.history) {
    for (const [key, value] of [
      ['allergies', record.history.allergies],
      ['medications', record.history.medications],
      ['conditions', record.history.conditions],
    ] as const)
      if (value.trim()) line(`${t(lang, `pdf.${key}`)}: ${value}`);
  }

  heading(`${t(lang, 'pdf.appointments')} (${record.appointments.length})`);
  if (!record.appointments.length) none();
  for (const a of record.appointments) {
    const status = translate(lang, `schedule.statuses.${a.status}`) ?? a.status;
    line(`${formatDate(ctx, a.start_date)} ${a.start_local.slice(11, 16)} · ${a.type_name ?? ''} · ${a.provider_name ?? ''} · ${status}`);
  }

  heading(t(lang, 'pdf.chart'));
  if (!record.chartEntries.length) none();
  for (const entry of record.chartEntries) {
    const item = entry.item;
    if (item.type === 'tooth_state') line(`${formatTooth(item.tooth, input.numbering)} · ${label(lang, `toothStates.${item.state}`)}${item.note ? ` · ${item.note}` : ''}`);
    else if (item.type === 'finding') {
      const area = item.area;
      const where =
        area.kind === 'surface'
          ? `${formatTooth(area.tooth, input.numbering)} ${formatSurfaces(area.surfaces, area.tooth, lang)}`
          : area.kind === 'tooth'
            ? formatTooth(area.tooth, input.numbering)
            : area.kind === 'range'
              ? area.teeth.map((x) => formatTooth(x, input.numbering)).join('–')
              : area.kind;
      const names = record.procedureNames.get(item.code.toUpperCase());
      line(`${item.code}${names ? ` — ${names[lang]}` : ''} · ${where} · ${label(lang, `statuses.${item.status}`)} · ${formatInstant(ctx, entry.changedAt)}${item.note ? ` · ${item.note}` : ''}`);
    }
  }

  heading(t(lang, 'pdf.perio'));
  if (!record.perioExams.length) none();
  for (const exam of record.perioExams) {
    const s = perioSummary(exam);
    line(
      t(lang, 'pdf.perioLine', {
        date: formatDate(ctx, exam.date),
        status: t(lang, exam.status === 'signed' ? 'pdf.signed' : 'pdf.draft'),
        sites: s.examinedSites,
        mean: s.meanPd === null ? '—' : s.meanPd.toLocaleString(ctx.locale),
        deep: s.pd6plus,
      }),
    );
  }

  heading(t(lang, 'pdf.notes'));
  if (!record.notes.length) none();
  for (const { note, sections, addenda } of record.notes) {
    ensure(40);
    const signer = note.signed_by ? record.users.get(note.signed_by) : undefined;
    line(`${formatDate(ctx, note.visit_date)} · ${note.title}`, { bold: true });
    if (signer && note.signed_at) line(label(lang, 'signedBy', { name: signer, at: formatInstant(ctx, note.signed_at) }), { muted: true });
    for (const s of sections) line(`${s.heading ? `${s.heading}: ` : ''}${s.text}`);
    for (const a of addenda) line(`${t(lang, 'pdf.addendum', { at: formatInstant(ctx, a.signed_at) })}: ${a.text}`);
    doc.moveDown(0.3);
  }

  if (record.optional.documents) {
    heading(`${t(lang, 'pdf.documents')} (${record.optional.documents.length})`);
    if (!record.optional.documents.length) none();
    for (const d of record.optional.documents) line([d.taken_on ?? d.document_date ?? d.date, d.kind ?? d.type, d.title ?? d.file_name ?? d.name].filter(Boolean).map(String).join(' · '));
  }
  if (record.optional.prescriptions) {
    heading(`${t(lang, 'pdf.prescriptions')} (${record.optional.prescriptions.length})`);
    if (!record.optional.prescriptions.length) none();
    for (const rx of record.optional.prescriptions) line([rx.issued_at ?? rx.created_at, rx.drug ?? rx.medicine, rx.strength, rx.dose, rx.frequency, rx.duration].filter(Boolean).map(String).join(' · '));
  }

  heading(t(lang, 'pdf.ledger'));
  if (!input.ledger.length) none();
  for (const l of input.ledger) {
    const money = practiceMoney({ language: lang, country: ctx.country, currency: l.currency });
    line(
      t(lang, 'erase.ledger', {
        charges: money.format(l.charges, l.currency),
        payments: money.format(l.payments, l.currency),
        adjustments: money.format(l.adjustments, l.currency),
        balance: money.format(l.balance, l.currency),
      }),
    );
  }
  void input.currency;
  return open.finish();
}
