import type { Kysely } from 'kysely';

/*
 * An index on `sync_outbox.refused`, for the sync status counts.
 *
 * "Pending" (refused IS NULL) and "refused" (IS NOT NULL) were counted by
 * scanning the outbox itself, every row with its copy of the values: on a
 * practice with its whole history still unsent (the first workstation
 * becoming the hub, ~1.3 M changes, ~700 MB) one status took seconds, and
 * the status follows every push, so draining the outbox crawled at ~30
 * changes/s. With the index both counts read the index alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('sync_outbox_refused').on('sync_outbox').column('refused').execute();
}

