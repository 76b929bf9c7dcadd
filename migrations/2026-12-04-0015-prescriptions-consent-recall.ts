import { type Kysely, sql } from 'kysely';

/*
 * Prescriptions, consent forms and recall.
 *
 * - The medicine list, consent templates and recall types are practice
 *   configuration (mutable records, seeded by main in Spanish and English).
 * - A prescription is a fact: once issued it is never edited or deleted (the
 *   triggers below refuse it). A mistake is a void (another fact, with its
 *   reason) and, if wanted, a new prescription that names the one it replaces.
 * - A signed consent is a fact holding the exact PDF bytes that were signed
 *   (base64, inside the encrypted database): it can be reprinted, never altered.
 * - A patient's recall (one row per patient and recall type, with an id made
 *   from both so workstations converge) is a mutable record: its due date moves
 *   when a triggering procedure is completed. Each contact made from the recall
 *   list is a fact.
 *
 * Also: the provider's professional registration number (Chile's Registro
 * Nacional de Prestadores Individuales de Salud), printed on prescriptions.
 */
const refuse = (table: string, what: string, message: string) =>
  sql.raw(`CREATE TRIGGER ${table}_no_${what} BEFORE ${what.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('providers').addColumn('registration_number', 'text', (c) => c.notNull().defaultTo('')).execute();

  // ---- The practice's medicine list. Ids derive from a key ("medicine:amoxicillin-500") for seeded rows.
  await db.schema
    .createTable('medicines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('strength', 'text', (c) => c.notNull())
    .addColumn('dose_es', 'text', (c) => c.notNull())
    .addColumn('dose_en', 'text', (c) => c.notNull())
    .addColumn('frequency_es', 'text', (c) => c.notNull())
    .addColumn('frequency_en', 'text', (c) => c.notNull())
    .addColumn('duration_es', 'text', (c) => c.notNull())
    .addColumn('duration_en', 'text', (c) => c.notNull())
    /** JSON array of drug classes (shared/prescriptions/classes.ts), for the allergy check. */
    .addColumn('classes', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // ---- Prescriptions: facts. `items` is the JSON array of drugs as printed.
  await db.schema
    .createTable('prescriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_date', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('replaces_id', 'text', (c) => c.references('prescriptions.id'))
    /** JSON: the allergy warnings the prescriber saw and confirmed (empty when there were none). */
    .addColumn('overridden_warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('issued_by', 'text')
    .execute();
  await db.schema.createIndex('prescriptions_patient').on('prescriptions').columns(['patient_id', 'issued_at']).execute();
  await refuse('prescriptions', 'update', 'prescriptions are facts: void and reissue').execute(db);
  await refuse('prescriptions', 'delete', 'prescriptions are facts: void and reissue').execute(db);

  await db.schema
    .createTable('prescription_voids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prescription_id', 'text', (c) => c.notNull().unique().references('prescriptions.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text', (c) => c.notNull())
    .addColumn('voided_by', 'text')
    .execute();
  await refuse('prescription_voids', 'update', 'voids are facts').execute(db);
  await refuse('prescription_voids', 'delete', 'voids are facts').execute(db);

  // ---- Consent templates: one per procedure type and language; practice-editable.
  await db.schema
    .createTable('consent_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('procedure_type', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // ---- Signed consents: facts, holding the signed PDF byte for byte.
  await db.schema
    .createTable('signed_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('template_id', 'text')
    .addColumn('procedure_type', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** The text as the patient read it, placeholders filled. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signature_method', 'text', (c) => c.notNull().check(sql`signature_method IN ('drawn', 'typed')`))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('witness_id', 'text')
    .addColumn('pdf', 'text', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signed_consents_patient').on('signed_consents').columns(['patient_id', 'signed_at']).execute();
  await refuse('signed_consents', 'update', 'signed consents can never be altered').execute(db);
  await refuse('signed_consents', 'delete', 'signed consents can never be altered').execute(db);

  // ---- Recall types and each patient's recall.
  await db.schema
    .createTable('recall_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('interval_months', 'integer', (c) => c.notNull().check(sql`interval_months BETWEEN 1 AND 60`))
    /** JSON array of procedure codes whose completion sets the due date. */
    .addColumn('trigger_codes', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('patient_recalls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('type_id', 'text', (c) => c.notNull().references('recall_types.id'))
    /** This patient's interval; null = the type's. */
    .addColumn('interval_months', 'integer')
    .addColumn('last_done_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patient_recalls_due').on('patient_recalls').columns(['active', 'due_date']).execute();
  await db.schema.createIndex('patient_recalls_patient').on('patient_recalls').column('patient_id').execute();
  // The list's filters: one type, or one provider, in due order.
  await db.schema.createIndex('patient_recalls_type_due').on('patient_recalls').columns(['type_id', 'active', 'due_date']).execute();
  await db.schema.createIndex('patient_recalls_provider_due').on('patient_recalls').columns(['provider_id', 'active', 'due_date']).execute();

  await db.schema
    .createTable('recall_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recall_id', 'text', (c) => c.notNull().references('patient_recalls.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text')
    .execute();
  await db.schema.createIndex('recall_contacts_recall').on('recall_contacts').columns(['recall_id', 'at']).execute();
  await refuse('recall_contacts', 'update', 'recall contacts are append-only').execute(db);
  await refuse('recall_contacts', 'delete', 'recall contacts are append-only').execute(db);
}
