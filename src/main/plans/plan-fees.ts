import type { Db } from '../patients/patients-repository';
import { patientSchedule, priceOn } from './fee-schedules';

/*
 * What the ledger asks of plans when a procedure is completed and charged:
 *
 * - feeForChartEntry: the fee quoted for a chart entry on an accepted
 *   (accepted, scheduled or completed) plan item, so the charge matches what
 *   the patient signed; null when no accepted item treats that entry.
 * - scheduleFee: the patient's fee schedule's fee for a code (with the same
 *   fallbacks a new plan item uses: the list's fee, the private list's, the
 *   catalog's); null when nothing prices it.
 *
 * Both read only; the caller audits its own action.
 */

export async function feeForChartEntry(db: Db, chartEntryId: string): Promise<{ feeMinor: number; currency: string; planItemId: string } | null> {
  const row = await db
    .selectFrom('treatment_plan_items as i')
    .innerJoin('treatment_plans as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.fee_minor', 'p.currency'])
    .where('i.chart_entry_id', '=', chartEntryId)
    .where('i.accepted_at', 'is not', null)
    .where('i.status', 'in', ['accepted', 'scheduled', 'completed'])
    .where('i.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('i.accepted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { feeMinor: row.fee_minor, currency: row.currency, planItemId: row.id } : null;
}

export async function scheduleFee(db: Db, patientId: string, procedureCode: string): Promise<{ feeMinor: number; currency: string } | null> {
  const practice = await db.selectFrom('practice').select('currency').executeTakeFirst();
  if (!practice) return null;
  const hasSchedules = await db.selectFrom('fee_schedules').select('id').limit(1).executeTakeFirst();
  if (!hasSchedules) {
    // No list made yet (plans never opened): the catalog's fee is the private list.
    const procedure = await db.selectFrom('procedures').select('fee_minor').where('id', '=', `procedure:${procedureCode.trim().toUpperCase()}`).executeTakeFirst();
    return procedure?.fee_minor === null || procedure?.fee_minor === undefined ? null : { feeMinor: procedure.fee_minor, currency: practice.currency };
  }
  const { schedule } = await patientSchedule(db, patientId);
  const price = await priceOn(db, schedule, procedureCode);
  return price ? { feeMinor: price.feeMinor, currency: practice.currency } : null;
}
