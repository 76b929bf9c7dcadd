/* Row types of fee schedules and treatment plans (migration 0012), as stored. */

export interface FeeSchedulesTable {
  id: string;
  name: string;
  /** private | fonasa | isapre | imported */
  kind: string;
  isapre: string | null;
  is_default: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface FeeScheduleFeesTable {
  /** "fee:" + schedule id + ":" + the code in upper case. */
  id: string;
  fee_schedule_id: string;
  code: string;
  fee_minor: number | null;
  /** none | percent | fixed */
  coverage_kind: string;
  coverage_value: number;
  updated_at: string;
}

export interface PatientFeeSchedulesTable {
  /** "patient-fees:" + the patient's id. */
  id: string;
  patient_id: string;
  fee_schedule_id: string | null;
  updated_at: string;
}

export interface TreatmentPlansTable {
  id: string;
  patient_id: string;
  title: string;
  fee_schedule_id: string;
  currency: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  deleted_at: string | null;
}

export interface TreatmentPlanItemsTable {
  id: string;
  plan_id: string;
  patient_id: string;
  chart_entry_id: string | null;
  code: string;
  /** JSON treatment area. */
  area: string;
  phase: number;
  position: number;
  fee_minor: number;
  coverage_minor: number;
  /** planned | accepted | scheduled | completed | declined */
  status: string;
  accepted_at: string | null;
  acceptance_id: string | null;
  appointment_id: string | null;
  completed_at: string | null;
  completed_by: string | null;
  status_at: string;
  status_by: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Append-only. */
export interface TreatmentPlanAcceptancesTable {
  id: string;
  plan_id: string;
  patient_id: string;
  /** whole | partial | declined */
  decision: string;
  item_ids: string;
  snapshot: string;
  /** drawn | typed | paper | none */
  signature_kind: string;
  signer_name: string;
  signature_png: string | null;
  recorded_at: string;
  recorded_by: string | null;
}
