import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import type { Appointment } from '../../shared/contract/schedule';
import type { CallOutput } from '../../shared/contract';
import type { Language } from '../../shared/i18n/languages';
import { LANGUAGES } from '../../shared/i18n/languages';
import {
  formatReminderDate,
  formatReminderTime,
  renderTemplate,
  type TemplateKind,
  TEMPLATE_KINDS,
  TEMPLATE_VARIABLES,
  type TemplateValues,
  unknownVariables,
  VARIABLE_NAMES,
  whatsappLink,
} from '../../shared/schedule/reminders';
import { FINAL_STATUSES, type AppointmentStatus } from '../../shared/schedule/status';
import type { Actor, Store } from '../store/store';
import { parsePhones } from '../patients/patient-view';
import { type Db, displayName } from '../patients/patients-repository';
import { changedDates, type Notify } from './appointments-service';
import { appointmentsByIds, asLanguage, loadContext, type MapOptions, type ScheduleContext } from './schedule-context';
import { findAppointment, findAppointmentType, findProvider, providerDisplayName } from './schedule-repository';
import { readTemplate, templateId, writeSettingsRow } from './schedule-settings';

/*
 * Reminders: the text comes from the practice's template in the patient's
 * language (patients.language, else the practice's), the link opens WhatsApp
 * with it prefilled, and what was sent, and what the patient answered, are
 * facts in reminder_log.
 */

function variablesOf(language: Language) {
  return TEMPLATE_VARIABLES.map((variable) => ({ variable, placeholder: `{${VARIABLE_NAMES[language][variable]}}` }));
}

export async function listTemplates(db: Db): Promise<CallOutput<'schedule.templates.list'>> {
  const out: CallOutput<'schedule.templates.list'> = [];
  for (const kind of TEMPLATE_KINDS) {
    for (const language of LANGUAGES) {
      const t = await readTemplate(db, kind, language);
      out.push({ kind, language, body: t.body, isDefault: t.isDefault, variables: variablesOf(language) });
    }
  }
  return out;
}

export async function updateTemplate(store: Store, actor: Actor, kind: TemplateKind, language: Language, body: string | null) {
  if (body !== null) {
    const unknown = unknownVariables(body);
    if (unknown.length) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { body: 'validation.templateVariable' }, params: { unknown: unknown.join(' ') } });
  }
  await store.write(actor, async (tx) => {
    await writeSettingsRow(tx, templateId(kind, language), { body }, new Date().toISOString());
    await tx.audit({ action: 'schedule.templates.update', entity: 'settings', entityId: templateId(kind, language), details: { reset: body === null } });
  });
  const t = await readTemplate(store.db, kind, language);
  return { kind, language, body: t.body, isDefault: t.isDefault, variables: variablesOf(language) };
}

interface ComposeInput {
  appointmentId: string;
  kind: TemplateKind;
  language?: Language;
}

/** The patient's phone for WhatsApp: the one marked as WhatsApp, else the first mobile. */
export function whatsappPhone(phonesJson: string): { e164: string; marked: boolean } | null {
  const phones = parsePhones(phonesJson);
  const marked = phones.find((p) => p.whatsapp);
  if (marked) return { e164: marked.e164, marked: true };
  const mobile = phones.find((p) => p.kind === 'mobile');
  return mobile ? { e164: mobile.e164, marked: false } : null;
}

async function composeText(db: Db, ctx: ScheduleContext, input: ComposeInput) {
  const appointment = await findAppointment(db, input.appointmentId);
  if (!appointment) throw new AppError('NOT_FOUND');
  const [patient, provider, type] = await Promise.all([
    db.selectFrom('patients').selectAll().where('id', '=', appointment.patient_id).executeTakeFirstOrThrow(),
    findProvider(db, appointment.provider_id),
    appointment.type_id ? findAppointmentType(db, appointment.type_id) : Promise.resolve(undefined),
  ]);
  const language = input.language ?? asLanguage(patient.language, ctx.language);
  const template = await readTemplate(db, input.kind, language);
  const values: TemplateValues = {
    patientName: patient.preferred_name || patient.given_names.split(' ')[0]!,
    patientFullName: displayName(patient),
    date: formatReminderDate(appointment.start_date, language, ctx.country),
    time: formatReminderTime(appointment.start_local.slice(11, 16), language, ctx.country),
    provider: provider ? providerDisplayName(provider) : '',
    practice: ctx.practiceName,
    address: ctx.settings.address,
    phone: ctx.settings.phone,
    type: type?.name ?? '',
  };
  return { appointment, patient, language, text: renderTemplate(template.body, values) };
}

export async function composeReminder(store: Store, actor: Actor, input: ComposeInput): Promise<CallOutput<'schedule.reminder.compose'>> {
  const ctx = await loadContext(store.db);
  return store.readAudited(actor, { action: 'schedule.reminder.compose', entity: 'appointment', entityId: input.appointmentId, details: { kind: input.kind } }, async (db) => {
    const { patient, language, text } = await composeText(db, ctx, input);
    const phone = whatsappPhone(patient.phones);
    return {
      text,
      language,
      phone: phone?.e164 ?? null,
      phoneIsWhatsapp: phone?.marked ?? false,
      whatsappUrl: phone ? whatsappLink(phone.e164, text) : null,
    };
  });
}

export async function recordReminder(
  store: Store,
  actor: Actor,
  input: { appointmentId: string; kind: TemplateKind; channel: string; answer: 'confirmed' | 'reschedule' | null; language?: Language },
  options: MapOptions,
  notify: Notify,
): Promise<Appointment> {
  const ctx = await loadContext(store.db);
  const date = await store.write(actor, async (tx) => {
    const row = await findAppointment(tx.db, input.appointmentId);
    if (!row) throw new AppError('NOT_FOUND');
    if (FINAL_STATUSES.has(row.status as AppointmentStatus)) throw new AppError('CONFLICT', 'errors.APPOINTMENT_CLOSED');
    const patient = await tx.db.selectFrom('patients').select(['id', 'language']).where('id', '=', row.patient_id).executeTakeFirstOrThrow();
    const now = new Date(ctx.nowMs).toISOString();
    await tx.insert('reminder_log', {
      id: uuidv7(),
      appointment_id: row.id,
      patient_id: row.patient_id,
      kind: input.kind,
      channel: input.channel,
      answer: input.answer,
      language: input.language ?? asLanguage(patient.language, ctx.language),
      at: now,
      by_user_id: actor.userId,
    });
    const fields: { confirmation?: string; status?: string; status_at?: string; updated_at: string } = { updated_at: now };
    if (input.answer === 'confirmed') {
      fields.confirmation = 'confirmed';
      if (row.status === 'scheduled') {
        Object.assign(fields, { status: 'confirmed', status_at: now });
        await tx.insert('appointment_status_history', {
          id: uuidv7(),
          appointment_id: row.id,
          status: 'confirmed',
          reason: null,
          note: input.channel,
          at: now,
          by_user_id: actor.userId,
        });
      }
    } else if (input.answer === 'reschedule') {
      fields.confirmation = 'reschedule';
    } else if (row.confirmation === 'not_sent') {
      fields.confirmation = 'sent';
    }
    await tx.update('appointments', row.id, fields);
    await tx.audit({
      action: 'schedule.reminder.record',
      entity: 'appointment',
      entityId: row.id,
      details: { kind: input.kind, channel: input.channel, answer: input.answer },
    });
    return row.start_date;
  });
  notify(changedDates(date));
  const [appointment] = await appointmentsByIds(store.db, ctx, [input.appointmentId], options);
  return appointment!;
}
