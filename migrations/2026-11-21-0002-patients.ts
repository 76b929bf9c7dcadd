import { type Kysely, sql } from 'kysely';

/*
 * The patient registry: full demographics, medical-history versions, photos,
 * merges, and the search index. Composite values (phones, address, guarantor,
 * coverage) are JSON text: each changes as a whole, which is how sync merges it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('patients').addColumn('gender', 'text').execute();
  await db.schema.alterTable('patients').addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  // The single phone of the foundation schema becomes the first entry of the list.
  await sql`UPDATE patients SET phones = json_array(json_object('e164', phone, 'kind', 'mobile', 'whatsapp', json('true'))) WHERE phone IS NOT NULL`.execute(db);
  await db.schema.alterTable('patients').dropColumn('phone').execute();
  await db.schema.alterTable('patients').addColumn('address', 'text').execute();
  await db.schema.alterTable('patients').addColumn('emergency_contact', 'text').execute();
  await db.schema.alterTable('patients').addColumn('guarantor', 'text', (c) => c.notNull().defaultTo('{"kind":"self"}')).execute();
  await db.schema.alterTable('patients').addColumn('guarantor_patient_id', 'text').execute();
  await db.schema.alterTable('patients').addColumn('coverage', 'text', (c) => c.notNull().defaultTo('{"kind":"none"}')).execute();
  await db.schema.alterTable('patients').addColumn('referral_source', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('patients').addColumn('notes', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('patients').addColumn('merged_into_id', 'text').execute();
  // Folded (lower case, no accents) "surnames given names", written by main: SQLite cannot fold accents.
  // It orders lists and answers one- and two-letter searches, which the trigram index cannot.
  await db.schema.alterTable('patients').addColumn('sort_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.createIndex('patients_sort_name').on('patients').column('sort_name').execute();
  await db.schema.createIndex('patients_guarantor').on('patients').column('guarantor_patient_id').execute();
  await db.schema.createIndex('patients_birth_date').on('patients').column('birth_date').execute();

  await db.schema
    .createTable('patient_medical_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('alerts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('allergies', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('medications', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('patient_medical_history_version', ['patient_id', 'version'])
    .execute();
  // Each version is a fact: earlier answers stay as they were given.
  await sql`CREATE TRIGGER patient_medical_history_no_update BEFORE UPDATE OF alerts, allergies, medications, conditions, notes, version, recorded_at, recorded_by ON patient_medical_history BEGIN SELECT RAISE(ABORT, 'medical history versions are append-only'); END`.execute(db);
  await sql`CREATE TRIGGER patient_medical_history_no_delete BEFORE DELETE ON patient_medical_history BEGIN SELECT RAISE(ABORT, 'medical history versions are append-only'); END`.execute(db);

  await db.schema
    .createTable('patient_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('patient_photos_patient').on('patient_photos').column('patient_id').execute();

  await db.schema
    .createTable('patient_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survivor_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('duplicate_id', 'text', (c) => c.notNull().references('patients.id'))
    /** What moved: [{ table, rowId, column }], so undo puts each back. */
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text')
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();

  // Trigram full-text index over names, documents, phone digits and email, kept in step by triggers
  // so that rows arriving by sync are searchable too. remove_diacritics folds "José" to "jose".
  await sql`CREATE VIRTUAL TABLE patient_search USING fts5(names, document, phones, email, tokenize = 'trigram remove_diacritics 1')`.execute(db);
  const row = (r: 'new' | 'old') => sql.raw(`${r}.rowid,
      ${r}.given_names || ' ' || ${r}.first_surname || ' ' || ${r}.second_surname || ' ' || coalesce(${r}.preferred_name, ''),
      coalesce(replace(replace(replace(${r}.document_number, '.', ''), '-', ''), ' ', ''), ''),
      coalesce((SELECT group_concat(substr(json_extract(value, '$.e164'), 2), ' ') FROM json_each(${r}.phones)), ''),
      coalesce(${r}.email, '')`);
  await sql`CREATE TRIGGER patient_search_insert AFTER INSERT ON patients WHEN new.deleted_at IS NULL BEGIN
      INSERT INTO patient_search(rowid, names, document, phones, email) VALUES (${row('new')}); END`.execute(db);
  await sql`CREATE TRIGGER patient_search_update AFTER UPDATE ON patients BEGIN
      DELETE FROM patient_search WHERE rowid = old.rowid;
      INSERT INTO patient_search(rowid, names, document, phones, email) SELECT ${row('new')} WHERE new.deleted_at IS NULL; END`.execute(db);
  await sql`INSERT INTO patient_search(rowid, names, document, phones, email) SELECT ${sql.raw(
    `rowid, given_names || ' ' || first_surname || ' ' || second_surname || ' ' || coalesce(preferred_name, ''),
      coalesce(replace(replace(replace(document_number, '.', ''), '-', ''), ' ', ''), ''),
      coalesce((SELECT group_concat(substr(json_extract(value, '$.e164'), 2), ' ') FROM json_each(patients.phones)), ''),
      coalesce(email, '')`,
  )} FROM patients WHERE deleted_at IS NULL`.execute(db);
}
