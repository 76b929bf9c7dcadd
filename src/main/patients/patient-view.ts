import type { z } from 'zod';
import type {
  addressSchema,
  coverageSchema,
  emergencyContactSchema,
  guarantorSchema,
  PatientRecord,
  PatientSummary,
} from '../../shared/contract/patients';
import { type DocumentType, formatDocument } from '../../shared/identity/documents';
import { ageOn } from '../../shared/patients/age';
import type { AlertCode } from '../../shared/patients/alerts';
import { formatPhone } from '../../shared/patients/phones';
import type { PatientsTable } from '../db/schema';
import type { StoredPhone } from './patient-normalize';

/*
 * Rows as the contract shows them: documents and phones formatted for the
 * practice's country, age on the practice's today, JSON columns parsed.
 */

export interface PracticeInfo {
  country: string;
  /** Today in the practice's time zone, YYYY-MM-DD. */
  today: string;
}

type Guarantor = z.output<typeof guarantorSchema>;
type Coverage = z.output<typeof coverageSchema>;
type Address = z.output<typeof addressSchema>;
type EmergencyContact = z.output<typeof emergencyContactSchema>;

export function parsePhones(json: string): StoredPhone[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as StoredPhone[]) : [];
}

export function parseGuarantor(json: string): Guarantor {
  return JSON.parse(json) as Guarantor;
}

/**
 * formatPhone, remembered: parsing with libphonenumber's metadata costs some
 * 20 µs a number, which a page of search results pays twenty times per
 * keystroke, and the same patients come back keystroke after keystroke.
 */
const formattedPhones = new Map<string, string>();
export function phoneForDisplay(e164: string, country: string): string {
  const key = `${country}${e164}`;
  let formatted = formattedPhones.get(key);
  if (formatted === undefined) {
    if (formattedPhones.size >= 50_000) formattedPhones.clear();
    formatted = formatPhone(e164, country);
    formattedPhones.set(key, formatted);
  }
  return formatted;
}

/** Stored phones are E.164; anything else (an old free-text value) is shown as it is. */
function showPhone(value: string, country: string): string {
  return value.startsWith('+') ? phoneForDisplay(value, country) : value;
}

/** The columns a summary needs: search fetches only these. */
export const SUMMARY_COLUMNS = [
  'id',
  'given_names',
  'first_surname',
  'second_surname',
  'preferred_name',
  'document_type',
  'document_number',
  'birth_date',
  'phones',
  'email',
  'sort_name',
] as const;
export type SummaryRow = Pick<PatientsTable, (typeof SUMMARY_COLUMNS)[number]>;

export function toSummary(row: SummaryRow, alerts: AlertCode[], practice: PracticeInfo): PatientSummary {
  const phones = parsePhones(row.phones);
  return {
    id: row.id,
    givenNames: row.given_names,
    firstSurname: row.first_surname,
    secondSurname: row.second_surname,
    preferredName: row.preferred_name ?? '',
    birthDate: row.birth_date,
    age: row.birth_date ? ageOn(row.birth_date, practice.today) : null,
    document:
      row.document_type && row.document_number
        ? { type: row.document_type as DocumentType, number: row.document_number, formatted: formatDocument(row.document_type, row.document_number) }
        : null,
    phone: phones[0] ? phoneForDisplay(phones[0].e164, practice.country) : null,
    email: row.email ?? '',
    alerts,
  };
}

export interface RecordExtras {
  alerts: AlertCode[];
  guarantorPatient: PatientRecord['guarantorPatient'];
  family: PatientRecord['family'];
  hasPhoto: boolean;
  medicalHistory: PatientRecord['medicalHistory'];
}

export function toRecord(row: PatientsTable, extras: RecordExtras, practice: PracticeInfo): PatientRecord {
  const emergency = row.emergency_contact ? (JSON.parse(row.emergency_contact) as EmergencyContact) : null;
  const guarantor = parseGuarantor(row.guarantor);
  return {
    ...toSummary(row, extras.alerts, practice),
    sex: row.sex as PatientRecord['sex'],
    gender: row.gender as PatientRecord['gender'],
    phones: parsePhones(row.phones).map((p) => ({ ...p, formatted: phoneForDisplay(p.e164, practice.country) })),
    address: row.address ? (JSON.parse(row.address) as Address) : null,
    emergencyContact: emergency ? { ...emergency, phone: showPhone(emergency.phone, practice.country) } : null,
    guarantor: guarantor.kind === 'person' && guarantor.phone ? { ...guarantor, phone: showPhone(guarantor.phone, practice.country) } : guarantor,
    guarantorPatient: extras.guarantorPatient,
    coverage: JSON.parse(row.coverage) as Coverage,
    referralSource: row.referral_source,
    notes: row.notes,
    family: extras.family,
    hasPhoto: extras.hasPhoto,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    medicalHistory: extras.medicalHistory,
  };
}
