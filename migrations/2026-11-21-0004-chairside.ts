import { type Kysely, sql } from 'kysely';

/*
 * Chairside: the odontogram's log of events, the practice's procedure
 * catalog, periodontal exams, staging confirmations and clinical notes.
 *
 * Facts are append-only and the database itself refuses to edit or delete
 * them (triggers, like audit_log's): chart events, staging confirmations,
 * note versions and addenda. Perio exams and notes are mutable records while
 * they are drafts and frozen once signed: a signed row refuses any update,
 * and a signed note refuses new versions (only addenda, which need it
 * signed). Nothing here is ever deleted; a discarded draft is a tombstone.
 *
 * Rows keep the patient they were recorded for; readers gather a patient's
 * rows through the merge tree (as the medical history does).
 */
const refuse = (table: string, what: string, message: string) =>
  sql.raw(`CREATE TRIGGER ${table}_no_${what} BEFORE ${what.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);

export async function up(db: Kysely<unknown>): Promise<void> {
  // ---- The chart: one row per event (chart/events.ts). `item` is the ChartItem as JSON (add, supersede).
  await db.schema
    .createTable('chart_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('add', 'supersede', 'end', 'void')`))
    .addColumn('target_id', 'text')
    .addColumn('item', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('chart_events_patient').on('chart_events').columns(['patient_id', 'at']).execute();
  await db.schema.createIndex('chart_events_batch').on('chart_events').column('batch_id').execute();
  await refuse('chart_events', 'update', 'chart events are append-only').execute(db);
  await refuse('chart_events', 'delete', 'chart events are append-only').execute(db);

  // ---- The procedure catalog: mutable records. Ids derive from the code ("procedure:RES-C2") so that two
  // workstations adding or seeding the same code converge on one row instead of colliding.
  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('surfaces_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('surface_count', 'integer')
    .addColumn('teeth', 'text')
    .addColumn('results_in', 'text')
    /** Minor units of the practice's currency. */
    .addColumn('fee_minor', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX procedures_code ON procedures (upper(code))`.execute(db);

  // ---- Perio exams: a draft row changes while it is entered (site values as JSON); signed, it is frozen.
  await db.schema
    .createTable('perio_exams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('exam_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'signed')`))
    .addColumn('examiner_id', 'text')
    .addColumn('teeth', 'text', (c) => c.notNull())
    .addColumn('missing', 'text', (c) => c.notNull())
    .addColumn('readings', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('deleted_at', 'text')
    .addCheckConstraint('perio_exams_signature', sql`status = 'draft' OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('perio_exams_patient').on('perio_exams').columns(['patient_id', 'exam_date']).execute();
  await sql`CREATE TRIGGER perio_exams_signed_frozen BEFORE UPDATE ON perio_exams WHEN old.status = 'signed' BEGIN SELECT RAISE(ABORT, 'signed perio exams are immutable'); END`.execute(db);
  await refuse('perio_exams', 'delete', 'perio exams are never deleted').execute(db);

  // ---- Staging: each confirmation by the dentist is a fact.
  await db.schema
    .createTable('staging_confirmations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('exam_id', 'text', (c) => c.notNull().references('perio_exams.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('extent', 'text', (c) => c.notNull())
    .addColumn('overridden', 'integer', (c) => c.notNull())
    /** The suggestion main computed (stage, grade, extent, rules) and the inputs it was computed from, as JSON. */
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('confirmed_by', 'text')
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staging_confirmations_patient').on('staging_confirmations').columns(['patient_id', 'confirmed_at']).execute();
  await refuse('staging_confirmations', 'update', 'staging confirmations are append-only').execute(db);
  await refuse('staging_confirmations', 'delete', 'staging confirmations are append-only').execute(db);

  // ---- Note templates: clinical content the practice edits (seeded by main in Spanish and English).
  await db.schema
    .createTable('note_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // ---- Clinical notes: the note (a record: draft, then signed and frozen), its versions (facts) and addenda (facts).
  await db.schema
    .createTable('clinical_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'signed')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('signed_version_id', 'text')
    .addColumn('deleted_at', 'text')
    .addCheckConstraint('clinical_notes_signature', sql`status = 'draft' OR (signed_at IS NOT NULL AND signed_by IS NOT NULL AND signed_version_id IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('clinical_notes_patient').on('clinical_notes').columns(['patient_id', 'visit_date']).execute();
  await sql`CREATE TRIGGER clinical_notes_signed_frozen BEFORE UPDATE ON clinical_notes WHEN old.status = 'signed' BEGIN SELECT RAISE(ABORT, 'signed notes take addenda only'); END`.execute(db);
  await refuse('clinical_notes', 'delete', 'clinical notes are never deleted').execute(db);

  await db.schema
    .createTable('clinical_note_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull().references('clinical_notes.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    /** JSON array: the version it was edited from, then any it merges. */
    .addColumn('parent_ids', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('links', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clinical_note_versions_note').on('clinical_note_versions').column('note_id').execute();
  await db.schema.createIndex('clinical_note_versions_patient').on('clinical_note_versions').column('patient_id').execute();
  await refuse('clinical_note_versions', 'update', 'note versions are append-only').execute(db);
  await refuse('clinical_note_versions', 'delete', 'note versions are append-only').execute(db);
  await sql`CREATE TRIGGER clinical_note_versions_signed BEFORE INSERT ON clinical_note_versions
      WHEN (SELECT status FROM clinical_notes WHERE id = new.note_id) = 'signed'
      BEGIN SELECT RAISE(ABORT, 'signed notes take addenda only'); END`.execute(db);

  await db.schema
    .createTable('clinical_note_addenda')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull().references('clinical_notes.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clinical_note_addenda_note').on('clinical_note_addenda').column('note_id').execute();
  await refuse('clinical_note_addenda', 'update', 'addenda are append-only').execute(db);
  await refuse('clinical_note_addenda', 'delete', 'addenda are append-only').execute(db);
  await sql`CREATE TRIGGER clinical_note_addenda_signed_only BEFORE INSERT ON clinical_note_addenda
      WHEN (SELECT status FROM clinical_notes WHERE id = new.note_id) IS NOT 'signed'
      BEGIN SELECT RAISE(ABORT, 'addenda need a signed note'); END`.execute(db);
}
