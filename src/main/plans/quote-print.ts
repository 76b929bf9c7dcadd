import { AppError } from '../../shared/contract/errors';
import { formatDocument } from '../../shared/identity/documents';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { ageOn } from '../../shared/patients/age';
import { describeArea } from '../../shared/plans/where';
import { localeFor } from '../../shared/schedule/reminders';
import { displayName, userNames } from '../patients/patients-repository';
import { readClinicalPreferences } from '../practice/practice-repository';
import { readScheduleSettings } from '../schedule/schedule-settings';
import type { Actor, Store } from '../store/store';
import { patientScope, practiceClock } from '../chairside/chairside-common';
import type { PrintContext } from '../chairside/print/pdf-common';
import { findPlan, withParts } from './plans-repository';
import { buildPlans } from './plans-view';
import { renderQuotePdf } from './quote-pdf';

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** plans.print: the quote as a PDF, audited (a printed quote leaves the system). */
export async function printQuote(store: Store, actor: Actor, input: { planId: string; language?: Language | undefined }, options: { compress?: boolean } = {}) {
  const db = store.db;
  const row = await findPlan(db, input.planId);
  if (!row) throw new AppError('NOT_FOUND');
  const scope = await patientScope(db, row.patient_id);
  const clock = await practiceClock(db);
  const language = input.language ?? clock.language;
  const [schedule, preferences, printer] = await Promise.all([readScheduleSettings(db), readClinicalPreferences(db), userNames(db, actor.userId ? [actor.userId] : [])]);
  const patient = scope.patient;
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
    printedBy: (actor.userId ? printer.get(actor.userId) : null) ?? '',
    now: new Date(),
    ...(options.compress === false ? { compress: false } : {}),
  };
  return store.readAudited(actor, { action: 'plans.print', entity: 'patient', entityId: patient.id, details: { planId: row.id, language } }, async (rdb) => {
    const [plan] = await buildPlans(rdb, await withParts(rdb, [row]));
    const where = new Map(plan!.items.map((i) => [i.id, describeArea(i.area, preferences.toothNumbering, language)]));
    const latest = plan!.acceptances.at(-1) ?? null;
    const { pdf, pages } = await renderQuotePdf(ctx, { plan: plan!, where, latest });
    const name = translate(language, 'plans.print.fileName') ?? 'quote';
    return { fileName: `${name}-${slug(patient.first_surname)}-${slug(patient.given_names.split(' ')[0] ?? '')}-${row.created_at.slice(0, 10)}.pdf`, pdfBase64: pdf.toString('base64'), pages };
  });
}
