/* Row types of patients (migration 0002), as stored. */

export interface PatientsTable {
  id: string;
  given_names: string;
  first_surname: string;
  second_surname: string;
  preferred_name: string | null;
  document_type: string | null;
  document_number: string | null;
  birth_date: string | null;
  sex: string | null;
  gender: string | null;
  /** JSON: [{ e164, kind, whatsapp }] */
  phones: string;
  email: string | null;
  /** JSON address, or null. */
  address: string | null;
  /** JSON { name, phone, relationship }, or null. */
  emergency_contact: string | null;
  /** JSON guarantor (see the contract's guarantorSchema). */
  guarantor: string;
  /** Set when the guarantor is another patient, for family links and merges. */
  guarantor_patient_id: string | null;
  /** JSON coverage (see the contract's coverageSchema). */
  coverage: string;
  referral_source: string;
  notes: string;
  merged_into_id: string | null;
  /** Folded "surnames given names": list order and one- or two-letter search. */
  sort_name: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  /** Added by the schedule migration (0003): the language reminders use; null = the practice's. */
  language?: string | null;
}

export interface PatientMedicalHistoryTable {
  id: string;
  patient_id: string;
  version: number;
  recorded_at: string;
  recorded_by: string | null;
  /** JSON array of alert codes. */
  alerts: string;
  allergies: string;
  medications: string;
  conditions: string;
  notes: string;
}

export interface PatientPhotosTable {
  id: string;
  patient_id: string;
  mime: string;
  /** Base64 image bytes. */
  data: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PatientMergesTable {
  id: string;
  survivor_id: string;
  duplicate_id: string;
  /** JSON [{ table, rowId, column }] */
  moved: string;
  merged_at: string;
  merged_by: string | null;
  undone_at: string | null;
  undone_by: string | null;
}
