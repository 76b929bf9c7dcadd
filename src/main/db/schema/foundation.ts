import type { Generated } from 'kysely';

/* Row types of the practice, its users and providers, the audit log (migrations 0001, 0011), as stored. */

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

/** The head of a workstation's audit chain, sealed with the audit key (see audit-chain.ts). */
export interface AuditAnchorTable {
  device_id: string;
  seq: number;
  hash: string;
  keyed_from: number;
  mac: string;
}

export interface MigrationTable {
  name: string;
  timestamp: Generated<string>;
}
