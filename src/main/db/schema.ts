import type { PracticeTable, SettingsTable, UsersTable, ProvidersTable, OperatoriesTable, AuditLogTable, AuditAnchorTable } from './schema/foundation';
import type { PatientsTable, PatientMedicalHistoryTable, PatientPhotosTable, PatientMergesTable } from './schema/patients';
import type { ProviderHoursTable, ProviderExceptionsTable, PracticeHolidaysTable, BlockoutTypesTable, BlockoutsTable, AppointmentTypesTable, AppointmentsTable, AppointmentStatusHistoryTable, ReminderLogTable, WaitlistTable } from './schema/schedule';
import type { ChartEventsTable, ProceduresTable, PerioExamsTable, StagingConfirmationsTable, NoteTemplatesTable, ClinicalNotesTable, ClinicalNoteVersionsTable, ClinicalNoteAddendaTable } from './schema/chairside';
import type { MedicinesTable, PrescriptionsTable, PrescriptionVoidsTable, ConsentTemplatesTable, SignedConsentsTable, RecallTypesTable, PatientRecallsTable, RecallContactsTable } from './schema/prescriptions-recall';
import type { SyncOutboxTable, SyncRowClocksTable, SyncConflictsTable, SyncParkedTable, SyncStateTable } from './schema/sync';
import type { LedgerPostingsTable, LedgerAllocationsTable, PaymentPlansTable, PaymentPlanInstalmentsTable, InsuranceClaimsTable, StatementsTable } from './schema/ledger';
import type { DocumentChunksTable, DocumentsTable, DocumentAnnotationsTable } from './schema/documents';
import type { DataRequestsTable } from './schema/data-rights';
import type { FeeSchedulesTable, FeeScheduleFeesTable, PatientFeeSchedulesTable, TreatmentPlansTable, TreatmentPlanItemsTable, TreatmentPlanAcceptancesTable } from './schema/plans';

export type * from './schema/foundation';
export type * from './schema/patients';
export type * from './schema/schedule';
export type * from './schema/chairside';
export type * from './schema/prescriptions-recall';
export type * from './schema/sync';
export type * from './schema/ledger';
export type * from './schema/documents';
export type * from './schema/data-rights';
export type * from './schema/plans';

/**
 * Row types of the practice database, as stored (snake_case, text ids and
 * instants), one file per domain under ./schema; this file puts them together.
 */
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
