import { type Kysely, sql } from 'kysely';

/*
 * Sync with the office hub.
 *
 * - `sync_outbox.seen_seq`: the hub sequence number this workstation had
 *   applied when it made the change, so a receiver can tell a concurrent edit
 *   (a conflict) from one made after seeing the other (not a conflict).
 * - `sync_row_clocks`: per row, the HLC and hub sequence number of the change
 *   that set each field, for last-writer-wins. Written only when a change is
 *   acknowledged or applied, never on the local write path: until then a local
 *   change's clock is read from its outbox row. Facts need none.
 * - `sync_conflicts`: each losing value of a concurrent field edit, and each
 *   pair of appointments that overlap after a merge, for review. Every replica
 *   derives the same rows with the same ids; reviewing one syncs like any edit.
 * - `sync_parked`: changes this version cannot apply yet (a table or column
 *   from a newer version, a clock too far ahead), kept to retry after an upgrade.
 * - `sync_state`: this workstation's enrollment, hub pin and cursor. Local only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sync_outbox').addColumn('seen_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sync_outbox').addColumn('refused', 'text').execute();

  await db.schema
    .createTable('sync_row_clocks')
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('clocks', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_row_clocks_pk', ['table_name', 'row_id'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();

  await db.schema
    .createTable('sync_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('field', 'overlap', 'refused')`))
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('other_row_id', 'text')
    .addColumn('lost_value', 'text')
    .addColumn('lost_hlc', 'text')
    .addColumn('lost_device_id', 'text')
    .addColumn('lost_user_id', 'text')
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sync_conflicts_open').on('sync_conflicts').columns(['resolved_at', 'detected_at']).execute();
  await db.schema.createIndex('sync_conflicts_row').on('sync_conflicts').columns(['table_name', 'row_id']).execute();

  await db.schema
    .createTable('sync_parked')
    .addColumn('change_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('parked_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
