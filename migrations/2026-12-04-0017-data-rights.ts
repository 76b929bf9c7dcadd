import { type Kysely, sql } from 'kysely';

/*
 * The patient's data rights: the log of access and erasure requests and what
 * was decided. A request is a fact: who recorded it, when, what was asked, the
 * decision and (when refused) the date until which the record must be kept.
 * It names the patient by id only and the requester by kind, never by name,
 * so the log itself carries no identity once the patient is anonymised.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    // access | erasure
    .addColumn('kind', 'text', (c) => c.notNull())
    // patient | representative | other
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    // fulfilled | refused | anonymised
    .addColumn('decision', 'text', (c) => c.notNull())
    // fhir | pdf, for access requests
    .addColumn('format', 'text')
    .addColumn('last_attention', 'text')
    .addColumn('retain_until', 'text')
    .addColumn('retention_years', 'integer')
    // JSON counts of what was exported, removed or kept
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('data_requests_patient').on('data_requests').columns(['patient_id', 'requested_at']).execute();
  await sql`CREATE TRIGGER data_requests_no_update BEFORE UPDATE ON data_requests BEGIN SELECT RAISE(ABORT, 'data requests are append-only'); END`.execute(db);
  await sql`CREATE TRIGGER data_requests_no_delete BEFORE DELETE ON data_requests BEGIN SELECT RAISE(ABORT, 'data requests are append-only'); END`.execute(db);
}
