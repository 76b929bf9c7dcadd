import type { Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { HybridLogicalClock } from '../../shared/sync/hlc';
import type { Schema, SyncedTable } from '../db/schema';

export type ChangeOp = 'insert' | 'update' | 'delete';

/**
 * Appends one change to the outbox. Only the write transaction calls this,
 * so a change and its outbox entry commit or roll back together.
 */
export async function appendChange(
  trx: Transaction<Schema>,
  clock: HybridLogicalClock,
  change: { deviceId: string; userId: string | null; table: SyncedTable; rowId: string; op: ChangeOp; fields: Record<string, unknown>; seenSeq?: number },
): Promise<void> {
  await trx
    .insertInto('sync_outbox')
    .values({
      change_id: uuidv7(),
      hlc: clock.tick(),
      device_id: change.deviceId,
      user_id: change.userId,
      table_name: change.table,
      row_id: change.rowId,
      op: change.op,
      fields: JSON.stringify(change.fields),
      pushed_at: null,
      seen_seq: change.seenSeq ?? 0,
    })
    .execute();
}
