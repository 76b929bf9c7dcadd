import { type Kysely, sql } from 'kysely';

/*
 * The schedule. Appointments are the practice's local wall-clock time
 * (start_local "YYYY-MM-DDTHH:MM" in the practice's IANA zone) plus a length
 * in real minutes; start_date repeats the date part so that the day, week
 * and find-next-opening queries go through an index. Status changes and
 * reminders are facts (append-only, enforced by triggers); everything else
 * is a mutable record whose deletion is a tombstone (deleted_at).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Providers come from the foundation; the schedule adds their usual chair and their order in lists.
  await db.schema.alterTable('providers').addColumn('default_operatory_id', 'text', (c) => c.references('operatories.id')).execute();
  await db.schema.alterTable('providers').addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The language reminders are written in; null means the practice's language.
  await db.schema.alterTable('patients').addColumn('language', 'text').execute();

  await db.schema
    .createTable('provider_hours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    /** ISO weekday, 1 = Monday. */
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('operatory_id', 'text', (c) => c.references('operatories.id'))
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('provider_hours_provider').on('provider_hours').column('provider_id').execute();

  await db.schema
    .createTable('provider_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('provider_exceptions_end').on('provider_exceptions').columns(['end_date', 'start_date']).execute();

  await db.schema
    .createTable('practice_holidays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    /** 1: closed that day; 0: open although it is a national holiday. */
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('practice_holidays_date').on('practice_holidays').column('date').execute();

  await db.schema
    .createTable('blockout_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('forbids_booking', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('blockouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type_id', 'text', (c) => c.notNull().references('blockout_types.id'))
    .addColumn('operatory_id', 'text', (c) => c.references('operatories.id'))
    .addColumn('provider_id', 'text', (c) => c.references('providers.id'))
    .addColumn('start_local', 'text', (c) => c.notNull())
    .addColumn('end_local', 'text', (c) => c.notNull())
    /** Derived: the first and last dates it can touch ('9999-12-31' for a repeat without end). */
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    /** "1,2,3,4,5": repeats on these ISO weekdays; null = once. */
    .addColumn('weekdays', 'text')
    .addColumn('until_date', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('blockouts_end').on('blockouts').columns(['end_date', 'start_date']).execute();

  await db.schema
    .createTable('appointment_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('operatory_id', 'text', (c) => c.notNull().references('operatories.id'))
    .addColumn('type_id', 'text', (c) => c.references('appointment_types.id'))
    .addColumn('start_local', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_at', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text')
    /** not_sent | sent | confirmed | reschedule: where the reminder stands. */
    .addColumn('confirmation', 'text', (c) => c.notNull().defaultTo('not_sent'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('series_id', 'text')
    .addColumn('pinboard', 'integer', (c) => c.notNull().defaultTo(0))
    /** pending (on the unscheduled list) | rebooked | dismissed; null while not cancelled or missed. */
    .addColumn('rebook_state', 'text')
    .addColumn('rebooked_from_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  // The day view (all chairs of a date), the provider's week and find-next-opening, and a patient's list.
  await db.schema.createIndex('appointments_date_operatory').on('appointments').columns(['start_date', 'operatory_id']).execute();
  // The day in time order, and the evening before running past midnight, without reading other rows.
  await db.schema.createIndex('appointments_date_time').on('appointments').columns(['start_date', 'start_local', 'duration_min']).execute();
  await db.schema.createIndex('appointments_provider_date').on('appointments').columns(['provider_id', 'start_date']).execute();
  await db.schema.createIndex('appointments_patient_date').on('appointments').columns(['patient_id', 'start_date']).execute();
  await db.schema.createIndex('appointments_series').on('appointments').column('series_id').where(sql.ref('series_id'), 'is not', null).execute();
  await db.schema
    .createIndex('appointments_unscheduled')
    .on('appointments')
    .column('status_at')
    .where(sql.ref('rebook_state'), '=', 'pending')
    .execute();
  await db.schema.createIndex('appointments_pinboard').on('appointments').column('updated_at').where(sql.ref('pinboard'), '=', 1).execute();

  await db.schema
    .createTable('appointment_status_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .execute();
  await db.schema.createIndex('appointment_status_history_appointment').on('appointment_status_history').columns(['appointment_id', 'at']).execute();
  await sql`CREATE TRIGGER appointment_status_history_no_update BEFORE UPDATE ON appointment_status_history BEGIN SELECT RAISE(ABORT, 'appointment status history is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER appointment_status_history_no_delete BEFORE DELETE ON appointment_status_history BEGIN SELECT RAISE(ABORT, 'appointment status history is append-only'); END`.execute(db);

  await db.schema
    .createTable('reminder_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .execute();
  await db.schema.createIndex('reminder_log_appointment').on('reminder_log').columns(['appointment_id', 'at']).execute();
  await sql`CREATE TRIGGER reminder_log_no_update BEFORE UPDATE ON reminder_log BEGIN SELECT RAISE(ABORT, 'reminder log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER reminder_log_no_delete BEFORE DELETE ON reminder_log BEGIN SELECT RAISE(ABORT, 'reminder log is append-only'); END`.execute(db);

  await db.schema
    .createTable('waitlist')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('provider_id', 'text', (c) => c.references('providers.id'))
    .addColumn('type_id', 'text', (c) => c.references('appointment_types.id'))
    .addColumn('duration_min', 'integer')
    .addColumn('weekdays', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_of_day', 'text', (c) => c.notNull().defaultTo('any'))
    .addColumn('from_date', 'text')
    .addColumn('until_date', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('removed_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('waitlist_patient').on('waitlist').column('patient_id').execute();
  await db.schema.createIndex('waitlist_live').on('waitlist').column('created_at').where(sql.ref('deleted_at'), 'is', null).execute();

  // A local token that changes with every change of what the schedule's rules are made of, on any
  // connection (sync included): main keeps those small tables in memory and rereads them only when the
  // token moved. Random rather than counted, so that a rolled-back change cannot reuse a token. Not synced.
  await sql`CREATE TABLE schedule_cache_token (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL)`.execute(db);
  await sql`INSERT INTO schedule_cache_token (id, token) VALUES (1, random())`.execute(db);
  for (const table of ['practice', 'settings', 'operatories', 'providers', 'provider_hours', 'provider_exceptions', 'practice_holidays', 'blockout_types', 'blockouts', 'appointment_types']) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql`CREATE TRIGGER ${sql.raw(`schedule_cache_${table}_${event.toLowerCase()}`)} AFTER ${sql.raw(event)} ON ${sql.table(table)} BEGIN UPDATE schedule_cache_token SET token = random() WHERE id = 1; END`.execute(db);
    }
  }
}
