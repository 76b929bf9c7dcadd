import { type Permission, type Role, roleHas } from '../auth/roles';
import type { AuthorRole } from './protocol';

/**
 * What sync knows about each synced table.
 *
 * - `mutable`: rows change field by field; the later HLC wins per field.
 * - `fact`: rows are only ever inserted (chart events, note versions and
 *   addenda, status history, audit entries…), so they never conflict and a
 *   repeat delivery is a no-op.
 *
 * `write` names the permission an author's role needs for the hub to accept
 * the change; `null` means any signed-in role (audit entries, a user's own
 * language, conflict records every replica derives). Kept here, not in the
 * hub, so workstations can tell before pushing what the hub will refuse.
 */
export type TableKind = 'mutable' | 'fact';

export interface SyncTableRule {
  kind: TableKind;
  /** Permissions any one of which lets a role write the table. */
  write: readonly Permission[] | null;
  /** Inserting may need more than updating (a new user vs. one's own language). */
  insert?: readonly Permission[];
  /** The column value that freezes the row (a signed exam or note): later edits are refused by the database. */
  sealed?: { column: string; value: string };
  /** A clinician's draft: only its author changes it (see `draftAuthorVerdict`). */
  authored?: true;
}

const SETUP: Permission[] = ['settings.manage'];
const SCHEDULE: Permission[] = ['schedule.write', 'settings.manage'];
const PATIENTS: Permission[] = ['patients.write'];
const CLINICAL: Permission[] = ['clinical.write'];
const BILLING: Permission[] = ['billing.write'];
const SIGNED = { column: 'status', value: 'signed' };

export const SYNC_TABLES = {
  practice: { kind: 'mutable', write: SETUP },
  settings: { kind: 'mutable', write: null },
  users: { kind: 'mutable', write: null, insert: ['users.manage'] },
  providers: { kind: 'mutable', write: SETUP },
  operatories: { kind: 'mutable', write: SETUP },
  patients: { kind: 'mutable', write: PATIENTS },
  patient_medical_history: { kind: 'fact', write: ['patients.write', 'clinical.write'] },
  patient_photos: { kind: 'mutable', write: PATIENTS },
  patient_merges: { kind: 'mutable', write: PATIENTS },
  provider_hours: { kind: 'mutable', write: SETUP },
  provider_exceptions: { kind: 'mutable', write: SETUP },
  practice_holidays: { kind: 'mutable', write: SETUP },
  blockout_types: { kind: 'mutable', write: SETUP },
  blockouts: { kind: 'mutable', write: SCHEDULE },
  appointment_types: { kind: 'mutable', write: SETUP },
  appointments: { kind: 'mutable', write: SCHEDULE },
  appointment_status_history: { kind: 'fact', write: SCHEDULE },
  reminder_log: { kind: 'fact', write: SCHEDULE },
  waitlist: { kind: 'mutable', write: SCHEDULE },
  chart_events: { kind: 'fact', write: CLINICAL },
  procedures: { kind: 'mutable', write: ['settings.manage', 'clinical.write'] },
  perio_exams: { kind: 'mutable', write: CLINICAL, sealed: SIGNED, authored: true },
  staging_confirmations: { kind: 'fact', write: CLINICAL },
  note_templates: { kind: 'mutable', write: ['settings.manage', 'clinical.write'] },
  clinical_notes: { kind: 'mutable', write: CLINICAL, sealed: SIGNED, authored: true },
  clinical_note_versions: { kind: 'fact', write: CLINICAL },
  clinical_note_addenda: { kind: 'fact', write: CLINICAL },
  // Charges are posted by whoever completes the procedure on the chart, in the chart's transaction.
  ledger_postings: { kind: 'fact', write: ['billing.write', 'clinical.write'] },
  ledger_allocations: { kind: 'fact', write: BILLING },
  payment_plans: { kind: 'mutable', write: BILLING },
  payment_plan_instalments: { kind: 'mutable', write: BILLING },
  insurance_claims: { kind: 'mutable', write: BILLING },
  statements: { kind: 'fact', write: BILLING },
  data_requests: { kind: 'fact', write: ['patients.dataRights'] },
  fee_schedules: { kind: 'mutable', write: SETUP },
  fee_schedule_fees: { kind: 'mutable', write: SETUP },
  patient_fee_schedules: { kind: 'mutable', write: PATIENTS },
  treatment_plans: { kind: 'mutable', write: ['clinical.write', 'patients.write'] },
  treatment_plan_items: { kind: 'mutable', write: ['clinical.write', 'patients.write', 'schedule.write'] },
  treatment_plan_acceptances: { kind: 'fact', write: ['clinical.write', 'patients.write'] },
  /** File bytes, content-addressed by SHA-256: a file attached twice travels once. */
  document_chunks: { kind: 'fact', write: ['patients.write', 'clinical.write'] },
  documents: { kind: 'mutable', write: ['patients.write', 'clinical.write'] },
  document_annotations: { kind: 'mutable', write: CLINICAL },
  // Seeded by whoever first opens the list (any clinician); the contract keeps editing to prescribers.
  medicines: { kind: 'mutable', write: ['settings.manage', 'prescriptions.write', 'clinical.write'] },
  prescriptions: { kind: 'fact', write: ['prescriptions.write'] },
  prescription_voids: { kind: 'fact', write: ['prescriptions.write'] },
  // Seeded by whoever first opens the list (any clinician); changed only by dentists and the admin.
  consent_templates: { kind: 'mutable', write: ['settings.manage', 'consent.manage'], insert: ['settings.manage', 'consent.manage', 'clinical.write'] },
  signed_consents: { kind: 'fact', write: CLINICAL },
  // Seeded by whoever first opens the recall list, or by the chart on a completion; the contract keeps editing to settings.manage.
  recall_types: { kind: 'mutable', write: ['settings.manage', 'schedule.read', 'clinical.write'] },
  patient_recalls: { kind: 'mutable', write: ['schedule.write', 'clinical.write'] },
  recall_contacts: { kind: 'fact', write: SCHEDULE },
  /** Other devices' audit entries: each device's hash chain, replicated whole. */
  audit_log: { kind: 'fact', write: null },
  /** Field conflicts and overlaps found while applying; every replica derives the same ids. */
  sync_conflicts: { kind: 'mutable', write: null },
} as const satisfies Record<string, SyncTableRule>;

export type SyncTableName = keyof typeof SYNC_TABLES;

export function syncRule(table: string): SyncTableRule | undefined {
  return Object.hasOwn(SYNC_TABLES, table) ? SYNC_TABLES[table as SyncTableName] : undefined;
}

export type AuthorizeResult = 'ok' | 'ROLE_FORBIDDEN' | 'UNKNOWN_TABLE';

/**
 * Whether the hub accepts a change of `op` on `table` by an author of `role`.
 * `system` stands for writes no person made (setting up the practice, the demo
 * generator). A table this version does not know is accepted only from an
 * admin author, so a newer workstation can still sync through an older hub.
 */
export function authorizeChange(role: AuthorRole, table: string, op: 'insert' | 'update' | 'delete'): AuthorizeResult {
  if (role === 'system') return 'ok';
  const rule = syncRule(table);
  if (!rule) return role === 'admin' ? 'ok' : 'UNKNOWN_TABLE';
  const needed = op === 'insert' && rule.insert ? rule.insert : rule.write;
  if (needed === null) return 'ok';
  if (rule.kind === 'fact' && op !== 'insert') return 'ROLE_FORBIDDEN';
  return needed.some((permission) => roleHas(role as Role, permission)) ? 'ok' : 'ROLE_FORBIDDEN';
}

/** The tables whose rows belong to the clinician who made them, while they are drafts. */
export const AUTHORED_TABLES: readonly string[] = Object.entries(SYNC_TABLES)
  .filter(([, rule]) => (rule as SyncTableRule).authored)
  .map(([table]) => table);

/**
 * The hub's half of "nobody rewrites another clinician's draft": a change to
 * an authored row by someone other than the user who inserted it is refused,
 * unless it comes from a dentist (co-signing, which each workstation allows
 * or not by the practice's setting, a value the hub cannot read) or the admin
 * (erasing a patient on request scrubs the drafts too). `author` is null when
 * the insert is unknown or was made by no person (the demo).
 */
export function draftAuthorVerdict(role: AuthorRole, userId: string | null, author: string | null | undefined): 'ok' | 'NOT_AUTHOR' {
  if (!author || userId === author) return 'ok';
  return role === 'dentist' || role === 'admin' || role === 'system' ? 'ok' : 'NOT_AUTHOR';
}
