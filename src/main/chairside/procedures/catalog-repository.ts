import type { ProceduresTable } from '../../db/schema';
import type { Db } from '../../patients/patients-repository';

/*
 * The practice's procedure catalog. A row's id derives from its code, so two
 * workstations that seed the starter catalog, or add the same code, converge
 * on one row (last writer wins per field) instead of two that collide.
 */

export function procedureId(code: string): string {
  return `procedure:${code.trim().toUpperCase()}`;
}

export function listProcedureRows(db: Db): Promise<ProceduresTable[]> {
  return db.selectFrom('procedures').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export function findProcedureRow(db: Db, code: string): Promise<ProceduresTable | undefined> {
  return db.selectFrom('procedures').selectAll().where('id', '=', procedureId(code)).executeTakeFirst();
}

export async function hasProcedures(db: Db): Promise<boolean> {
  return (await db.selectFrom('procedures').select('id').limit(1).executeTakeFirst()) !== undefined;
}
