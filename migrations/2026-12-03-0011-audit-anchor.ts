import { type Kysely, sql } from 'kysely';

/*
 * The audit chain's head, kept outside the audit rows.
 *
 * One row per workstation whose chain this database writes (in practice, this
 * workstation): the last sequence number and hash, the first entry sealed
 * with the practice's audit key (`keyed_from`; older entries were hashed
 * without it), and a MAC over all three. Deleting the last entries, or all of
 * them, no longer leaves a chain that verifies: the anchor still names the
 * entry that is gone, and forging an anchor needs the key. The key file keeps
 * a sealed copy too (see audit-chain.ts), for when both tables are rewritten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_anchor')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('keyed_from', 'integer', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
  await sql`CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN SELECT RAISE(ABORT, 'audit_anchor is kept'); END`.execute(db);
  await sql`CREATE TRIGGER audit_anchor_forward BEFORE UPDATE ON audit_anchor WHEN NEW.seq < OLD.seq BEGIN SELECT RAISE(ABORT, 'audit_anchor only moves forward'); END`.execute(db);
}
