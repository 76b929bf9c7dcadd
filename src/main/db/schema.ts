import type { Generated } from 'kysely';

/** Row types of the practice database, as stored (snake_case, text ids and instants). */
export interface PracticeTable {
  id: string;
  name: string;
  country: string;
  time_zone: string;
  currency: string;
  language: string;
  idle_lock_minutes: number;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  id: string;
  value: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  given_names: string;
  first_surname: string;
  second_surname: string;
  role: string;
  language: string;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ProvidersTable {
  id: string;
  user_id: string | null;
  given_names: string;
  first_surname: string;
  second_surname: string;
  kind: string;
  colour: string;
  active: number;
  created_at: string;
  updated_at: string;
  /** Added by the schedule migration (0003): the provider's usual chair, and order in lists. */
  default_operatory_id?: string | null;
  sort_order?: number;
  /** Added by migration 0015: the professional registration number printed on prescriptions ('' = none). */
  registration_number?: string;
}

export interface OperatoriesTable {
  id: string;
  name: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

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

/* ------------------------------------------------------------ the schedule (migration 0003) */

export interface ProviderHoursTable {
  id: string;
  provider_id: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** "HH:MM" local; end may be "24:00". */
  start_time: string;
  end_time: string;
  operatory_id: string | null;
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ProviderExceptionsTable {
  id: string;
  provider_id: string;
  /** off | extra */
  kind: string;
  start_date: string;
  end_date: string;
  start_time: string | null;
  end_time: string | null;
  note: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PracticeHolidaysTable {
  id: string;
  date: string;
  name: string;
  /** 1: closed; 0: open on a national holiday. */
  closed: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface BlockoutTypesTable {
  id: string;
  name: string;
  colour: string;
  forbids_booking: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface BlockoutsTable {
  id: string;
  type_id: string;
  operatory_id: string | null;
  provider_id: string | null;
  start_local: string;
  end_local: string;
  start_date: string;
  end_date: string;
  /** "1,2,3,4,5" or null. */
  weekdays: string | null;
  until_date: string | null;
  note: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AppointmentTypesTable {
  id: string;
  name: string;
  duration_min: number;
  colour: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AppointmentsTable {
  id: string;
  patient_id: string;
  provider_id: string;
  operatory_id: string;
  type_id: string | null;
  /** "YYYY-MM-DDTHH:MM", the practice's wall clock. */
  start_local: string;
  /** The date part of start_local, for the indexes. */
  start_date: string;
  duration_min: number;
  status: string;
  status_at: string;
  arrived_at: string | null;
  confirmation: string;
  notes: string;
  series_id: string | null;
  pinboard: number;
  rebook_state: string | null;
  rebooked_from_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AppointmentStatusHistoryTable {
  id: string;
  appointment_id: string;
  status: string;
  reason: string | null;
  note: string;
  at: string;
  by_user_id: string | null;
}

export interface ReminderLogTable {
  id: string;
  appointment_id: string;
  patient_id: string;
  kind: string;
  channel: string;
  answer: string | null;
  language: string;
  at: string;
  by_user_id: string | null;
}

export interface WaitlistTable {
  id: string;
  patient_id: string;
  provider_id: string | null;
  type_id: string | null;
  duration_min: number | null;
  /** "1,3,5"; empty = any day. */
  weekdays: string;
  time_of_day: string;
  from_date: string | null;
  until_date: string | null;
  notes: string;
  removed_reason: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/* ------------------------------------------------------------ chairside (migration 0004) */

/** One event of a patient's chart (shared/chart/events.ts); append-only. */
export interface ChartEventsTable {
  id: string;
  patient_id: string;
  at: string;
  by_user_id: string | null;
  batch_id: string;
  action: string;
  /** add | supersede | end | void */
  kind: string;
  target_id: string | null;
  /** JSON ChartItem for add and supersede. */
  item: string | null;
  reason: string | null;
}

export interface ProceduresTable {
  /** "procedure:" + the code in upper case. */
  id: string;
  code: string;
  name_es: string;
  name_en: string;
  kind: string;
  category: string;
  area: string;
  surfaces_required: number;
  surface_count: number | null;
  teeth: string | null;
  results_in: string | null;
  fee_minor: number | null;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface PerioExamsTable {
  id: string;
  patient_id: string;
  exam_date: string;
  /** draft | signed (signed rows refuse updates) */
  status: string;
  examiner_id: string | null;
  /** JSON arrays of tooth ids. */
  teeth: string;
  missing: string;
  /** Compact JSON of the readings (chairside/perio/perio-codec.ts). */
  readings: string;
  revision: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  signed_at: string | null;
  signed_by: string | null;
  deleted_at: string | null;
}

export interface StagingConfirmationsTable {
  id: string;
  patient_id: string;
  exam_id: string;
  stage: string;
  grade: string;
  extent: string;
  overridden: number;
  suggestion: string;
  inputs: string;
  note: string;
  confirmed_by: string | null;
  confirmed_at: string;
}

export interface NoteTemplatesTable {
  id: string;
  name: string;
  language: string;
  /** JSON [{ key, heading, placeholder }] */
  sections: string;
  is_default: number;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface ClinicalNotesTable {
  id: string;
  patient_id: string;
  appointment_id: string | null;
  visit_date: string;
  template_id: string | null;
  title: string;
  /** draft | signed (signed rows refuse updates) */
  status: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  signed_at: string | null;
  signed_by: string | null;
  signed_version_id: string | null;
  deleted_at: string | null;
}

export interface ClinicalNoteVersionsTable {
  id: string;
  note_id: string;
  patient_id: string;
  /** JSON array of version ids. */
  parent_ids: string;
  /** JSON { sections: [{ key, heading, text }] } */
  content: string;
  /** JSON { teeth, findingIds, chartEventIds } */
  links: string;
  author_id: string | null;
  saved_at: string;
}

export interface ClinicalNoteAddendaTable {
  id: string;
  note_id: string;
  patient_id: string;
  text: string;
  signed_by: string | null;
  signed_at: string;
}

/* ------------------------------------------------------------ prescriptions, consent, recall (migration 0015) */

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

export interface SyncOutboxTable {
  change_id: string;
  hlc: string;
  device_id: string;
  user_id: string | null;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  fields: string;
  pushed_at: string | null;
  /** Added by the sync migration: the hub sequence number applied here when the change was made. */
  seen_seq?: number;
  /** Set when the hub refused the change for good (its reason); it is kept, and no longer pushed. */
  refused?: string | null;
}

export interface SyncRowClocksTable {
  table_name: string;
  row_id: string;
  /** JSON: { "*"?: [hlc, seq], [field]: [hlc, seq] }; seq 0 = not yet acknowledged by the hub. */
  clocks: string;
}

export interface SyncConflictsTable {
  id: string;
  kind: 'field' | 'overlap' | 'refused';
  table_name: string;
  row_id: string;
  field: string | null;
  other_row_id: string | null;
  /** JSON of the value that lost (field), or of the refused change's fields. */
  lost_value: string | null;
  lost_hlc: string | null;
  lost_device_id: string | null;
  lost_user_id: string | null;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
  updated_at: string;
}

export interface SyncParkedTable {
  change_id: string;
  seq: number;
  reason: string;
  envelope: string;
  parked_at: string;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: string;
  device_id: string;
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/* ------------------------------------------------------------ the ledger (migration 0013) */

export type PostingKind = 'charge' | 'payment' | 'adjustment' | 'refund' | 'credit' | 'reversal';
export type PaymentMethod = 'cash' | 'debit' | 'credit' | 'transfer' | 'cheque';

/**
 * One posting of the cuenta corriente; append-only. `amount_minor` is signed so
 * that the balance is the plain sum: positive is owed (charges, refunds),
 * negative is paid or forgiven (payments, credits, discounts).
 */
export interface LedgerPostingsTable {
  id: string;
  patient_id: string;
  /** The account the posting rolls up to: the guarantor patient, or the patient. */
  guarantor_id: string;
  kind: PostingKind;
  amount_minor: number;
  /** ISO 4217. */
  currency: string;
  /** YYYY-MM-DD in the practice's zone. */
  service_date: string;
  /** ISO instant. */
  entered_at: string;
  entered_by: string | null;
  provider_id: string | null;
  procedure_code: string | null;
  tooth: string | null;
  /** Surface letters, e.g. "MOD". */
  surfaces: string | null;
  chart_entry_id: string | null;
  plan_item_id: string | null;
  appointment_id: string | null;
  method: PaymentMethod | null;
  tax_document_kind: 'boleta' | 'factura' | null;
  tax_document_number: string | null;
  /** discount | write_off | other, for adjustments. */
  adjustment_type: string | null;
  reason: string | null;
  /** For a reversal: the posting it cancels (each posting is reversed at most once). */
  reverses_id: string | null;
  payment_plan_id: string | null;
  note: string | null;
}

/** A split of a payment (or credit, or negative adjustment) onto one charge; append-only. */
export interface LedgerAllocationsTable {
  id: string;
  posting_id: string;
  charge_id: string;
  guarantor_id: string;
  provider_id: string | null;
  /** Positive for a payment's split; a reversal's splits are negative. */
  amount_minor: number;
  currency: string;
}

export interface PaymentPlansTable {
  id: string;
  guarantor_id: string;
  total_minor: number;
  currency: string;
  start_date: string;
  status: 'active' | 'closed' | 'cancelled';
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface PaymentPlanInstalmentsTable {
  id: string;
  plan_id: string;
  guarantor_id: string;
  seq: number;
  due_date: string;
  amount_minor: number;
  currency: string;
}

export interface InsuranceClaimsTable {
  id: string;
  patient_id: string;
  charge_id: string;
  kind: 'claim' | 'bono' | 'reimbursement';
  /** fonasa | isapre | other, or a payer's name. */
  payer: string;
  payer_code: string | null;
  status: 'draft' | 'sent' | 'paid' | 'denied';
  billed_minor: number;
  paid_minor: number | null;
  currency: string;
  sent_date: string | null;
  resolved_date: string | null;
  external_reference: string | null;
  /** manual today; room for an electronic channel. */
  submission_channel: Generated<string>;
  note: string | null;
  created_at: string;
  created_by: string | null;
  deleted_at: string | null;
}

/** A statement as sent, archived byte for byte; append-only. */
export interface StatementsTable {
  id: string;
  guarantor_id: string;
  issued_at: string;
  issued_by: string | null;
  batch_id: string | null;
  period_from: string | null;
  period_to: string;
  balance_minor: number;
  currency: string;
  language: string;
  pdf_base64: string;
  sha256: string;
}

export interface DocumentChunksTable {
  /** "<sha256>:<index>" */
  id: string;
  sha256: string;
  chunk_index: number;
  chunk_count: number;
  /** Base64 bytes of this chunk. */
  data: string;
}

export interface DocumentsTable {
  id: string;
  patient_id: string | null;
  sha256: string;
  mime: string;
  byte_size: number;
  chunk_count: number;
  file_name: string;
  taken_on: string;
  kind: string;
  /** JSON array of tooth ids. */
  teeth: string;
  width: number | null;
  height: number | null;
  thumbnail: string | null;
  thumbnail_mime: string | null;
  source: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface DocumentAnnotationsTable {
  id: string;
  document_id: string;
  patient_id: string | null;
  /** JSON AnnotationShape. */
  shape: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  deleted_at: string | null;
}

/** The head of a workstation's audit chain, sealed with the audit key (see audit-chain.ts). */
export interface AuditAnchorTable {
  device_id: string;
  seq: number;
  hash: string;
  keyed_from: number;
  mac: string;
}

/** One access or erasure request and its decision (migration 0017); append-only. */
export interface DataRequestsTable {
  id: string;
  patient_id: string;
  kind: 'access' | 'erasure';
  requested_by: 'patient' | 'representative' | 'other';
  requested_at: string;
  recorded_by: string | null;
  decision: 'fulfilled' | 'refused' | 'anonymised';
  format: 'fhir' | 'pdf' | null;
  last_attention: string | null;
  retain_until: string | null;
  retention_years: number | null;
  /** JSON counts of what was exported, removed or kept. */
  details: string;
}

export interface MigrationTable {
  name: string;
  timestamp: Generated<string>;
}

/* ------------------------------------------------------------ fee schedules and treatment plans (migration 0012) */

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

export interface Schema {
  practice: PracticeTable;
  settings: SettingsTable;
  users: UsersTable;
  providers: ProvidersTable;
  operatories: OperatoriesTable;
  patients: PatientsTable;
  patient_medical_history: PatientMedicalHistoryTable;
  patient_photos: PatientPhotosTable;
  patient_merges: PatientMergesTable;
  provider_hours: ProviderHoursTable;
  provider_exceptions: ProviderExceptionsTable;
  practice_holidays: PracticeHolidaysTable;
  blockout_types: BlockoutTypesTable;
  blockouts: BlockoutsTable;
  appointment_types: AppointmentTypesTable;
  appointments: AppointmentsTable;
  appointment_status_history: AppointmentStatusHistoryTable;
  reminder_log: ReminderLogTable;
  waitlist: WaitlistTable;
  chart_events: ChartEventsTable;
  procedures: ProceduresTable;
  perio_exams: PerioExamsTable;
  staging_confirmations: StagingConfirmationsTable;
  note_templates: NoteTemplatesTable;
  clinical_notes: ClinicalNotesTable;
  clinical_note_versions: ClinicalNoteVersionsTable;
  clinical_note_addenda: ClinicalNoteAddendaTable;
  fee_schedules: FeeSchedulesTable;
  fee_schedule_fees: FeeScheduleFeesTable;
  patient_fee_schedules: PatientFeeSchedulesTable;
  treatment_plans: TreatmentPlansTable;
  treatment_plan_items: TreatmentPlanItemsTable;
  treatment_plan_acceptances: TreatmentPlanAcceptancesTable;
  medicines: MedicinesTable;
  prescriptions: PrescriptionsTable;
  prescription_voids: PrescriptionVoidsTable;
  consent_templates: ConsentTemplatesTable;
  signed_consents: SignedConsentsTable;
  recall_types: RecallTypesTable;
  patient_recalls: PatientRecallsTable;
  recall_contacts: RecallContactsTable;
  sync_outbox: SyncOutboxTable;
  sync_row_clocks: SyncRowClocksTable;
  sync_conflicts: SyncConflictsTable;
  sync_parked: SyncParkedTable;
  sync_state: SyncStateTable;
  audit_log: AuditLogTable;
  audit_anchor: AuditAnchorTable;
  ledger_postings: LedgerPostingsTable;
  ledger_allocations: LedgerAllocationsTable;
  payment_plans: PaymentPlansTable;
  payment_plan_instalments: PaymentPlanInstalmentsTable;
  insurance_claims: InsuranceClaimsTable;
  statements: StatementsTable;
  data_requests: DataRequestsTable;
  document_chunks: DocumentChunksTable;
  documents: DocumentsTable;
  document_annotations: DocumentAnnotationsTable;
}

/** Tables whose rows change through the write path and travel to the hub. */
export type SyncedTable = Exclude<keyof Schema, 'sync_outbox' | 'audit_log' | 'audit_anchor' | 'sync_row_clocks' | 'sync_parked' | 'sync_state'>;
