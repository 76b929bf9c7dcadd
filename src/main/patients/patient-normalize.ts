import type { z } from 'zod';
import type { ParsedPatientDraft, storedPhoneSchema } from '../../shared/contract/patients';
import { normalizeDocument } from '../../shared/identity/documents';
import { ADULT_AGE, ageOn } from '../../shared/patients/age';
import { normalizePhone } from '../../shared/patients/phones';
import { fold } from '../../shared/text/fold';
import type { PatientsTable } from '../db/schema';

export type StoredPhone = z.infer<typeof storedPhoneSchema>;

/** The columns a draft decides, everything but ids and timestamps. */
export type PatientFields = Omit<PatientsTable, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'merged_into_id'>;

export type Normalized = { ok: true; fields: PatientFields } | { ok: false; errors: Record<string, string> };

export interface NormalizeContext {
  /** ISO 3166 country of the practice: the default for local phone numbers. */
  country: string;
  /** Today in the practice's time zone, YYYY-MM-DD. */
  today: string;
}

function isRealDate(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}

/**
 * Turns a parsed draft into stored columns, or into per-field message keys:
 * documents by their check digit, phones to E.164, dates that exist and are
 * not in the future, a guarantor for minors. Every problem is reported at
 * once, so the form can show them all beside their fields.
 */
export function normalizePatientDraft(draft: ParsedPatientDraft, ctx: NormalizeContext): Normalized {
  const errors: Record<string, string> = {};

  let documentNumber: string | null = null;
  if (draft.document) {
    documentNumber = normalizeDocument(draft.document.type, draft.document.number);
    if (!documentNumber) errors['document.number'] = draft.document.type === 'RUT' ? 'validation.rut' : 'validation.document';
  }

  if (draft.birthDate) {
    if (!isRealDate(draft.birthDate) || draft.birthDate < '1900-01-01') errors.birthDate = 'validation.date';
    else if (draft.birthDate > ctx.today) errors.birthDate = 'validation.birthDateFuture';
  }

  const phones: StoredPhone[] = [];
  draft.phones.forEach((phone, i) => {
    const e164 = normalizePhone(phone.number, ctx.country);
    if (!e164) errors[`phones.${i}.number`] = 'validation.phone';
    else phones.push({ e164, kind: phone.kind, whatsapp: phone.whatsapp });
  });
  if (draft.phones.filter((p) => p.whatsapp).length > 1) errors['phones'] = 'validation.oneWhatsapp';

  let emergencyContact = draft.emergencyContact;
  if (emergencyContact) {
    const e164 = normalizePhone(emergencyContact.phone, ctx.country);
    if (!e164) errors['emergencyContact.phone'] = 'validation.phone';
    else emergencyContact = { ...emergencyContact, phone: e164 };
  }

  let guarantor = draft.guarantor;
  if (guarantor.kind === 'person') {
    let phone = guarantor.phone;
    if (phone) {
      const e164 = normalizePhone(phone, ctx.country);
      if (!e164) errors['guarantor.phone'] = 'validation.phone';
      else phone = e164;
    }
    let document = guarantor.document;
    if (document) {
      const number = normalizeDocument(document.type, document.number);
      if (!number) errors['guarantor.document.number'] = document.type === 'RUT' ? 'validation.rut' : 'validation.document';
      else document = { ...document, number };
    }
    guarantor = { ...guarantor, phone, document };
  }
  if (guarantor.kind === 'self' && draft.birthDate && !errors.birthDate && ageOn(draft.birthDate, ctx.today) < ADULT_AGE) {
    errors['guarantor'] = 'validation.guarantorRequired';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      given_names: draft.givenNames,
      first_surname: draft.firstSurname,
      second_surname: draft.secondSurname,
      preferred_name: draft.preferredName || null,
      document_type: draft.document && documentNumber ? draft.document.type : null,
      document_number: documentNumber,
      birth_date: draft.birthDate,
      sex: draft.sex,
      gender: draft.gender,
      phones: JSON.stringify(phones),
      email: draft.email ? draft.email.toLowerCase() : null,
      address: draft.address ? JSON.stringify(draft.address) : null,
      emergency_contact: emergencyContact ? JSON.stringify(emergencyContact) : null,
      guarantor: JSON.stringify(guarantor),
      guarantor_patient_id: guarantor.kind === 'patient' ? guarantor.patientId : null,
      coverage: JSON.stringify(draft.coverage),
      referral_source: draft.referralSource,
      notes: draft.notes,
      sort_name: sortName(draft.firstSurname, draft.secondSurname, draft.givenNames),
    },
  };
}

/** Folded "surnames given names": how lists are ordered and short searches matched. */
export function sortName(firstSurname: string, secondSurname: string, givenNames: string): string {
  return fold([firstSurname, secondSurname, givenNames].filter(Boolean).join(' '));
}
