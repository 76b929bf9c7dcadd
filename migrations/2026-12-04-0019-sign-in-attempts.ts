import { type Kysely, sql } from 'kysely';

/*
 * The sign-in throttle's counts, per name tried and for the workstation, so a
 * wait or a lockout outlives a restart of the app. Local to this workstation:
 * not synced (the throttle is per workstation), and written outside the
 * store's write path, since a failed attempt is audited on its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', 'integer', (c) => c.notNull())
    .addColumn('locked_out', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'integer', (c) => c.notNull())
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute();
}
