import { formatDocument } from '../../shared/identity/documents';
import type { Language } from '../../shared/i18n/languages';
import { ageOn } from '../../shared/patients/age';
import { localeFor } from '../../shared/schedule/reminders';
import type { PatientsTable } from '../db/schema';
import { type PracticeClock } from '../chairside/chairside-common';
import type { PrintContext } from '../chairside/print/pdf-common';
import { type Db, displayName, userNames } from '../patients/patients-repository';
import { readScheduleSettings } from '../schedule/schedule-settings';
import type { Actor } from '../store/store';

/** The letterhead and patient block of a prescription or consent print, as chairside prints build theirs. */
export async function printContextFor(db: Db, actor: Actor, clock: PracticeClock, patient: PatientsTable, language: Language, now: Date): Promise<PrintContext> {
  const [schedule, printer] = await Promise.all([readScheduleSettings(db), userNames(db, actor.userId ? [actor.userId] : [])]);
  return {
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
    now,
  };
}

/** "fuentes-camila": file names without accents or spaces. */
export function patientSlug(patient: Pick<PatientsTable, 'first_surname' | 'given_names'>): string {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40);
  return `${slug(patient.first_surname)}-${slug(patient.given_names.split(' ')[0] ?? '')}`;
}
