import { type Kysely, sql } from 'kysely';

/*
 * Patient documents and imaging.
 *
 * - document_chunks: the files' bytes, content-addressed. A file is cut into
 *   512 KiB chunks, each row keyed "<sha256 of the whole file>:<index>", so
 *   the same file attached twice (or on two workstations) is stored and
 *   synced once. Facts: the database refuses to change or delete them. The
 *   bytes are base64 text, like patient photos, so they travel in the sync
 *   outbox's JSON as they are; the page-encrypted database keeps them sealed.
 * - documents: what each attachment is (patient, date, type, teeth, the
 *   thumbnail) - a mutable record; deleting is a void with a reason.
 * - document_annotations: arrows, lines and text over an image, as data;
 *   removing one is a tombstone.
 */
const refuse = (table: string, what: string, message: string) =>
  sql.raw(`CREATE TRIGGER ${table}_no_${what} BEFORE ${what.toUpperCase()} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_chunks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('chunk_index', 'integer', (c) => c.notNull())
    .addColumn('chunk_count', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_chunks_file').on('document_chunks').columns(['sha256', 'chunk_index']).execute();
  await refuse('document_chunks', 'update', 'document chunks are append-only').execute(db);
  await refuse('document_chunks', 'delete', 'document chunks are append-only').execute(db);

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null while the file waits in the unfiled inbox of the watched folder.
    .addColumn('patient_id', 'text', (c) => c.references('patients.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('chunk_count', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** JSON array of tooth ids (the chart's). */
    .addColumn('teeth', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('thumbnail', 'text')
    .addColumn('thumbnail_mime', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema.createIndex('documents_patient').on('documents').columns(['patient_id', 'taken_on']).execute();
  await db.schema.createIndex('documents_sha256').on('documents').column('sha256').execute();

  await db.schema
    .createTable('document_annotations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('patient_id', 'text')
    /** JSON: the shape (documents/annotations.ts). */
    .addColumn('shape', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('document_annotations_document').on('document_annotations').column('document_id').execute();
}
