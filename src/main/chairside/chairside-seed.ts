import type { NoteTemplatesTable } from '../db/schema';
import type { Actor, Store } from '../store/store';
import { defaultTemplateRows } from './notes/default-templates';
import { starterRows } from './procedures/catalog-service';
import { hasProcedures } from './procedures/catalog-repository';

/*
 * The practice's starting chairside data: the starter procedure catalog and
 * the default note templates (SOAP and a procedure note, in Spanish and
 * English). They are clinical content the practice edits, so they live in
 * its database, copied in the first time chairside data is used; their ids
 * are fixed, so two workstations seeding at once converge on the same rows.
 */

const seeded = new WeakSet<Store>();

export async function ensureChairsideSeed(store: Store, actor: Actor): Promise<void> {
  if (seeded.has(store)) return;
  const db = store.db;
  const needsCatalog = !(await hasProcedures(db));
  const needsTemplates = (await db.selectFrom('note_templates').select('id').limit(1).executeTakeFirst()) === undefined;
  if (needsCatalog || needsTemplates) {
    await store.write(actor, async (tx) => {
      const now = new Date().toISOString();
      // Checked again inside the transaction: another call may have seeded meanwhile.
      if (needsCatalog && !(await hasProcedures(tx.db))) {
        const rows = starterRows(now);
        for (const row of rows) await tx.insert('procedures', row);
        await tx.audit({ action: 'chart.procedures.seed', entity: 'procedure', details: { count: rows.length } });
      }
      if (needsTemplates && (await tx.db.selectFrom('note_templates').select('id').limit(1).executeTakeFirst()) === undefined) {
        const rows: NoteTemplatesTable[] = defaultTemplateRows(now);
        for (const row of rows) await tx.insert('note_templates', row);
        await tx.audit({ action: 'notes.templates.seed', entity: 'note_template', details: { count: rows.length } });
      }
    });
  }
  seeded.add(store);
}
