import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import type { HybridLogicalClock } from '../../shared/sync/hlc';
import type { SyncedTable } from '../db/schema';
import { keepObservedBeforeEdit } from './apply-remote';

export type ChangeOp = 'insert' | 'update' | 'delete';

export interface OutboxChange {
  deviceId: string;
  userId: string | null;
  table: SyncedTable;
  rowId: string;
  op: ChangeOp;
  fields: Record<string, unknown>;
  seenSeq?: number;
}

/**
 * The sync outbox of one database. Only the write transaction appends, on
 * the raw connection inside that transaction, so a change and its outbox
 * entry commit or roll back together; a prepared statement keeps the
 * outbox's cost beside the change it records small.
 */
export class Outbox {
  private readonly insert;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly clock: HybridLogicalClock,
  ) {
    this.insert = sqlite.prepare(
      `INSERT INTO sync_outbox (change_id, hlc, device_id, user_id, table_name, row_id, op, fields, pushed_at, seen_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    );
  }

  /** Before an update: what the office's log holds for these fields, if the row shows it, is kept aside for conflicts. */
  beforeUpdate(deviceId: string, table: SyncedTable, rowId: string, fields: Record<string, unknown>): void {
    keepObservedBeforeEdit(this.sqlite, deviceId, table, rowId, fields);
  }

  append(change: OutboxChange): void {
    this.insert.run(
      uuidv7(),
      this.clock.tick(),
      change.deviceId,
      change.userId,
      change.table,
      change.rowId,
      change.op,
      JSON.stringify(change.fields),
      change.seenSeq ?? 0,
    );
  }
}
