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
  phone: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
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

export interface MigrationTable {
  name: string;
  timestamp: Generated<string>;
}

export interface Schema {
  practice: PracticeTable;
  settings: SettingsTable;
  users: UsersTable;
  providers: ProvidersTable;
  operatories: OperatoriesTable;
  patients: PatientsTable;
  sync_outbox: SyncOutboxTable;
  audit_log: AuditLogTable;
}

/** Tables whose rows change through the write path and travel to the hub. */
export type SyncedTable = Exclude<keyof Schema, 'sync_outbox' | 'audit_log'>;
