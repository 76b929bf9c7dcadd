/* Row types of prescriptions, consent and recall (migration 0015), as stored. */

export interface MedicinesTable {
  id: string;
  name_es: string;
  name_en: string;
  strength: string;
  dose_es: string;
  dose_en: string;
  frequency_es: string;
  frequency_en: string;
  duration_es: string;
  duration_en: string;
  /** JSON array of drug classes. */
  classes: string;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

/** An issued prescription; a fact (the database refuses updates and deletes). */
export interface PrescriptionsTable {
  id: string;
  patient_id: string;
  provider_id: string;
  issued_at: string;
  issued_date: string;
  language: string;
  /** JSON array of PrescriptionItem. */
  items: string;
  notes: string;
  replaces_id: string | null;
  /** JSON array of the allergy warnings confirmed. */
  overridden_warnings: string;
  issued_by: string | null;
}

export interface PrescriptionVoidsTable {
  id: string;
  prescription_id: string;
  patient_id: string;
  reason: string;
  voided_at: string;
  voided_by: string | null;
}

export interface ConsentTemplatesTable {
  id: string;
  procedure_type: string;
  language: string;
  title: string;
  body: string;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

/** A signed consent with its PDF (base64), byte for byte; a fact. */
export interface SignedConsentsTable {
  id: string;
  patient_id: string;
  template_id: string | null;
  procedure_type: string;
  language: string;
  title: string;
  body: string;
  signer_name: string;
  signature_method: string;
  signed_at: string;
  witness_id: string | null;
  pdf: string;
  pdf_sha256: string;
}

export interface RecallTypesTable {
  id: string;
  name_es: string;
  name_en: string;
  interval_months: number;
  /** JSON array of procedure codes. */
  trigger_codes: string;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface PatientRecallsTable {
  id: string;
  patient_id: string;
  type_id: string;
  interval_months: number | null;
  last_done_date: string | null;
  due_date: string | null;
  provider_id: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface RecallContactsTable {
  id: string;
  recall_id: string;
  patient_id: string;
  channel: string;
  outcome: string;
  note: string;
  at: string;
  by_user_id: string | null;
}
