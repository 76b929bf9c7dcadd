import type { TreatmentPlanAcceptancesTable, TreatmentPlanItemsTable, TreatmentPlansTable } from '../db/schema';
import type { Db } from '../patients/patients-repository';

/*
 * Plan rows for a patient (and the records merged into it), read together so
 * a patient's plans open in a handful of indexed queries.
 */

export interface PlanRows {
  plans: TreatmentPlansTable[];
  items: TreatmentPlanItemsTable[];
  acceptances: TreatmentPlanAcceptancesTable[];
}

export async function loadPlanRows(db: Db, patientIds: readonly string[]): Promise<PlanRows> {
  const plans = await db.selectFrom('treatment_plans').selectAll().where('patient_id', 'in', patientIds).where('deleted_at', 'is', null).orderBy('created_at', 'desc').execute();
  return withParts(db, plans);
}

export async function withParts(db: Db, plans: TreatmentPlansTable[]): Promise<PlanRows> {
  if (plans.length === 0) return { plans, items: [], acceptances: [] };
  const ids = plans.map((p) => p.id);
  const [items, acceptances] = await Promise.all([
    db.selectFrom('treatment_plan_items').selectAll().where('plan_id', 'in', ids).where('deleted_at', 'is', null).orderBy('phase').orderBy('position').orderBy('created_at').execute(),
    db.selectFrom('treatment_plan_acceptances').selectAll().where('plan_id', 'in', ids).orderBy('recorded_at').execute(),
  ]);
  return { plans, items, acceptances };
}

export function findPlan(db: Db, id: string): Promise<TreatmentPlansTable | undefined> {
  return db.selectFrom('treatment_plans').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findItems(db: Db, ids: readonly string[]): Promise<TreatmentPlanItemsTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('treatment_plan_items').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null).execute();
}
