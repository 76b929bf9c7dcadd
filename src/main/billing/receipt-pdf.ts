import { formatTooth } from '../../shared/chart/teeth';
import { formatDocument } from '../../shared/identity/documents';
import { readClinicalPreferences } from '../practice/practice-repository';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { ageOn } from '../../shared/patients/age';
import { practiceMoney } from '../../shared/practice/money';
import { localeFor } from '../../shared/schedule/reminders';
import { AppError } from '../../shared/contract/errors';
import { MARGIN, MUTED, INK, RULE, type PrintContext, formatDate, formatInstant, openDocument, safe } from '../chairside/print/pdf-common';
import { practiceClock } from '../chairside/chairside-common';
import { displayName, userNames } from '../patients/patients-repository';
import { readScheduleSettings } from '../schedule/schedule-settings';
import type { Actor, Store } from '../store/store';
import { allocationsOfPosting, postingById, sumFor } from './ledger-repository';

/*
 * A receipt for money received (a payment or a credit) or given back (a
 * refund): the practice's letterhead, who paid, how, the tax document issued
 * outside the app, the procedures it paid and the balance left. Printing is
 * audited: a receipt leaves the system.
 */

const t = (language: Language, key: string, params: Record<string, string | number> = {}) => translate(language, `billing.receipt.${key}`, params) ?? key;

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

export async function printReceipt(store: Store, actor: Actor, input: { postingId: string; language?: Language | undefined }, options: { compress?: boolean } = {}) {
  const db = store.db;
  const posting = await postingById(db, input.postingId);
  if (!posting || !['payment', 'credit', 'refund'].includes(posting.kind)) throw new AppError('NOT_FOUND', 'billing.errors.postingGone');
  const clock = await practiceClock(db);
  const language = input.language ?? clock.language;
  const money = practiceMoney({ language, country: clock.country, currency: clock.currency });
  const [schedule, preferences, patients, users, splits, balance, reversal] = await Promise.all([
    readScheduleSettings(db),
    readClinicalPreferences(db),
    db.selectFrom('patients').selectAll().where('id', 'in', [posting.patient_id, posting.guarantor_id]).execute(),
    userNames(db, [posting.entered_by, actor.userId].filter((x): x is string => !!x)),
    allocationsOfPosting(db, posting.id),
    sumFor(db, 'guarantor_id', [posting.guarantor_id]),
    db.selectFrom('ledger_postings').select('id').where('reverses_id', '=', posting.id).executeTakeFirst(),
  ]);
  const patient = patients.find((p) => p.id === posting.patient_id)!;
  const guarantor = patients.find((p) => p.id === posting.guarantor_id) ?? patient;
  const charges = splits.length
    ? await db.selectFrom('ledger_postings').selectAll().where('id', 'in', splits.map((s) => s.charge_id)).execute()
    : [];
  const procedures = charges.length
    ? await db.selectFrom('procedures').select(['code', 'name_es', 'name_en']).where('id', 'in', charges.map((c) => `procedure:${(c.procedure_code ?? '').toUpperCase()}`)).execute()
    : [];
  const procName = new Map(procedures.map((p) => [p.code.toUpperCase(), language === 'en' ? p.name_en : p.name_es]));
  const providers = charges.length
    ? await db.selectFrom('providers').select(['id', 'given_names', 'first_surname', 'second_surname']).where('id', 'in', charges.map((c) => c.provider_id ?? '')).execute()
    : [];
  const providerName = new Map(providers.map((p) => [p.id, displayName(p)]));

  const ctx: PrintContext = {
    language,
    locale: localeFor(language, clock.country),
    country: clock.country,
    timeZone: clock.timeZone,
    practice: { name: clock.name, address: schedule.address, phone: schedule.phone },
    patient: {
      name: displayName(patient),
      document: patient.document_type && patient.document_number ? `${patient.document_type} ${formatDocument(patient.document_type, patient.document_number)}` : null,
      age: patient.birth_date ? ageOn(patient.birth_date, clock.today) : null,
    },
    printedBy: (actor.userId ? users.get(actor.userId) : null) ?? '',
    now: new Date(),
    ...(options.compress === false ? { compress: false } : {}),
  };
  const number = posting.id.slice(-8).toUpperCase();
  const title = t(language, posting.kind === 'refund' ? 'titleRefund' : 'title');
  const open = openDocument(ctx, title, { subtitle: t(language, 'number', { number }) });
  const { doc, width } = open;

  const row = (name: string, value: string) => {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(safe(name), MARGIN, y, { width: width * 0.35 });
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(safe(value), MARGIN + width * 0.35, y, { width: width * 0.65 });
    doc.moveDown(0.3);
  };
  const amount = Math.abs(posting.amount_minor);
  row(t(language, 'amount'), money.format(amount));
  row(t(language, 'date'), formatDate(ctx, posting.service_date));
  row(t(language, 'entered'), formatInstant(ctx, posting.entered_at));
  row(t(language, posting.kind === 'refund' ? 'paidTo' : 'receivedFrom'), displayName(guarantor));
  if (posting.method) row(t(language, 'method'), translate(language, `billing.methods.${posting.method}`) ?? posting.method);
  if (posting.kind === 'credit' && posting.adjustment_type) row(t(language, 'kind'), translate(language, `billing.creditTypes.${posting.adjustment_type}`) ?? posting.adjustment_type);
  if (posting.tax_document_kind || posting.tax_document_number) {
    const kind = posting.tax_document_kind ? (translate(language, `billing.taxDocuments.${posting.tax_document_kind}`) ?? posting.tax_document_kind) : '';
    row(t(language, 'taxDocument'), posting.tax_document_number ? (translate(language, 'billing.postings.taxDocument', { kind, number: posting.tax_document_number }) ?? '').trim() : kind);
  }
  if (posting.entered_by) row(t(language, 'receivedBy'), users.get(posting.entered_by) ?? '');
  if (posting.note || posting.reason) row(t(language, 'note'), posting.note ?? posting.reason ?? '');

  if (splits.length) {
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(safe(t(language, 'appliedTo')), MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    const cols = [0, 0.14, 0.56, 0.8];
    const header = [t(language, 'colDate'), t(language, 'colProcedure'), t(language, 'colProvider'), t(language, 'colAmount')];
    let y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED);
    header.forEach((h, i) => doc.text(safe(h), MARGIN + width * cols[i]!, y, { width: width * ((cols[i + 1] ?? 1) - cols[i]!) - 4, align: i === 3 ? 'right' : 'left' }));
    y = doc.y + 2;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.y = y + 4;
    for (const split of splits) {
      const charge = charges.find((c) => c.id === split.charge_id);
      const code = charge?.procedure_code ?? '';
      const what = [code, procName.get(code.toUpperCase()) ?? '', charge?.tooth ? `${t(language, 'tooth')} ${charge.tooth.split(',').map((tooth) => formatTooth(tooth as never, preferences.toothNumbering)).join('–')}${charge.surfaces ? ` ${charge.surfaces}` : ''}` : ''].filter(Boolean).join(' · ');
      const cells = [charge ? formatDate(ctx, charge.service_date) : '', what, charge?.provider_id ? (providerName.get(charge.provider_id) ?? '') : '', money.format(split.amount_minor)];
      const top = doc.y;
      doc.font('Helvetica').fontSize(9).fillColor(INK);
      let bottom = top;
      cells.forEach((c, i) => {
        doc.text(safe(c), MARGIN + width * cols[i]!, top, { width: width * ((cols[i + 1] ?? 1) - cols[i]!) - 4, align: i === 3 ? 'right' : 'left' });
        bottom = Math.max(bottom, doc.y);
      });
      doc.y = bottom + 3;
    }
    const credit = amount - splits.reduce((n, s) => n + s.amount_minor, 0);
    if (posting.kind === 'payment' && credit > 0) {
      doc.moveDown(0.3);
      row(t(language, 'leftAsCredit'), money.format(credit));
    }
  }
  doc.moveDown(0.8);
  const y = doc.y;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.8).strokeColor(RULE).stroke();
  doc.y = y + 6;
  row(balance < 0 ? t(language, 'creditNow') : t(language, 'balanceNow'), money.format(Math.abs(balance)));
  if (reversal) {
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#b91c1c').text(safe(t(language, 'reversed')), MARGIN, doc.y, { width });
  }
  const { pdf, pages } = await open.finish();
  await store.readAudited(actor, { action: 'billing.receipt.print', entity: 'patient', entityId: posting.patient_id, details: { postingId: posting.id, language } }, async () => null);
  const fileName = `${t(language, 'fileName')}-${slug(patient.first_surname)}-${slug(patient.given_names.split(' ')[0] ?? '')}-${posting.service_date}-${number.toLowerCase()}.pdf`;
  return { fileName, pdfBase64: pdf.toString('base64'), pages };
}
