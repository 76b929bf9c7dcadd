/* Row types of sync bookkeeping (migration 0010), as stored. */

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
