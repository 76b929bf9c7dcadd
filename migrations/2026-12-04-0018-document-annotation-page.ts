import { type Kysely, sql } from 'kysely';

/*
 * Annotations over a PDF: which page each one is drawn on (1-based). An image
 * is a one-page document, so every existing annotation is on page 1 and the
 * column needs no backfill. Coordinates stay fractions of that page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE document_annotations ADD COLUMN page integer NOT NULL DEFAULT 1`.execute(db);
  await db.schema.dropIndex('document_annotations_document').execute();
  await db.schema.createIndex('document_annotations_document').on('document_annotations').columns(['document_id', 'page']).execute();
}
