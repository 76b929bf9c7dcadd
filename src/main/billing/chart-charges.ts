import { v7 as uuidv7 } from 'uuid';
import { type ChartEvent, orderEvents, voidedEventIds } from '../../shared/chart/events';
import type { Finding } from '../../shared/chart/findings';
import { practiceClock } from '../chairside/chairside-common';
import type { PatientsTable } from '../db/schema';
import type { Db } from '../patients/patients-repository';
import type { Actor, WriteTx } from '../store/store';
import { readBillingSettings } from './billing-settings';
import { checkLock, roleOf } from './billing-policy';
import { insertPosting } from './ledger-repository';
import { insertReversal } from './ledger-service';
import { feeForChartEntry, scheduleFee } from '../plans/plan-fees';

/*
 * Procedures completed on the chart become charges, in the chart's own
 * transaction. The chart is a log, so the rule is read from it: an item is
 * "completed" while its latest live version (add or supersede, not voided)
 * has status completed. An item that becomes completed gets a charge; one
 * that stops being completed (its completion voided, undone, or changed back)
 * gets its charge reversed. Ending an item does not reverse it: a filling
 * replaced years later was still done and paid for.
 */

/**
 * The fee of a completed chart item: what the patient accepted on a treatment
 * plan for that very entry, so the charge matches the signed quote; else the
 * patient's fee schedule (private list, FONASA/ISAPRE agreement, imported
 * list, falling back to the catalog's fee). Null when nothing prices it.
 */
export async function chargeFee(db: Db, input: { code: string; patientId: string; chartEntryId: string }): Promise<{ feeMinor: number; planItemId: string | null } | null> {
  const quoted = await feeForChartEntry(db, input.chartEntryId);
  if (quoted) return { feeMinor: quoted.feeMinor, planItemId: quoted.planItemId };
  const listed = await scheduleFee(db, input.patientId, input.code);
  return listed ? { feeMinor: listed.feeMinor, planItemId: null } : null;
}

/** The chart items whose latest live version is a completed finding, by item id. */
export function completedItems(log: readonly ChartEvent[]): Map<string, Finding> {
  const ordered = orderEvents(log);
  const voided = voidedEventIds(ordered);
  const latest = new Map<string, Finding | null>();
  for (const e of ordered) {
    if (voided.has(e.id)) continue;
    if (e.kind === 'add' || e.kind === 'supersede') {
      const itemId = e.kind === 'add' ? e.id : e.target;
      latest.set(itemId, e.item.type === 'finding' ? e.item : null);
    }
  }
  const done = new Map<string, Finding>();
  for (const [id, item] of latest) if (item && item.status === 'completed') done.set(id, item);
  return done;
}

function where(item: Finding): { tooth: string | null; surfaces: string | null } {
  const area = item.area;
  if (area.kind === 'surface') return { tooth: area.tooth, surfaces: area.surfaces.join('') };
  if (area.kind === 'tooth') return { tooth: area.tooth, surfaces: null };
  if (area.kind === 'range') return { tooth: area.teeth.join(','), surfaces: null };
  return { tooth: null, surfaces: null };
}

/**
 * Posts the charges and reversals a chart edit implies, given the log before
 * and after it. Called inside the chart's store.write, so the chart and the
 * ledger change together or not at all.
 */
export async function postChartCharges(tx: WriteTx, actor: Actor, patient: PatientsTable, before: readonly ChartEvent[], after: readonly ChartEvent[]): Promise<void> {
  const was = completedItems(before);
  const now = completedItems(after);
  const added = [...now].filter(([id]) => !was.has(id));
  const removed = [...was.keys()].filter((id) => !now.has(id));
  if (added.length === 0 && removed.length === 0) return;
  const ids = [...added.map(([id]) => id), ...removed];
  const live = await tx.db
    .selectFrom('ledger_postings as p')
    .selectAll('p')
    .where('p.chart_entry_id', 'in', ids)
    .where('p.kind', '=', 'charge')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('ledger_postings as r').select('r.id').whereRef('r.reverses_id', '=', 'p.id'))))
    .execute();
  const liveByEntry = new Map(live.map((p) => [p.chart_entry_id!, p]));
  const clock = await practiceClock(tx.db);
  const enteredAt = new Date().toISOString();
  const guarantorId = patient.guarantor_patient_id ?? patient.id;

  for (const id of removed) {
    const charge = liveByEntry.get(id);
    if (!charge) continue;
    const settings = await readBillingSettings(tx.db);
    // A refusal rolls the chart edit back too; the chart's guardedWrite audits the attempt.
    await checkLock(tx, await roleOf(tx.db, actor.userId), settings, 'reverse', charge.service_date, { entity: 'ledger_posting', entityId: charge.id });
    const reversal = await insertReversal(tx, charge, { id: uuidv7(), reason: 'chart', by: actor.userId, today: clock.today });
    await tx.audit({ action: 'billing.charge.reverse', entity: 'patient', entityId: patient.id, details: { chargeId: charge.id, reversalId: reversal.id, chartEntryId: id } });
  }

  if (added.length === 0) return;
  const provider = actor.userId
    ? await tx.db.selectFrom('providers').select('id').where('user_id', '=', actor.userId).where('active', '=', 1).executeTakeFirst()
    : undefined;
  const appointment = await tx.db
    .selectFrom('appointments')
    .select(['id', 'provider_id'])
    .where('patient_id', '=', patient.id)
    .where('start_date', '=', clock.today)
    .where('deleted_at', 'is', null)
    .orderBy('start_local')
    .executeTakeFirst();
  for (const [id, item] of added) {
    if (liveByEntry.has(id)) continue;
    const fee = await chargeFee(tx.db, { code: item.code, patientId: patient.id, chartEntryId: id });
    if (fee === null) continue;
    const posting = await insertPosting(tx, {
      id: uuidv7(),
      patient_id: patient.id,
      guarantor_id: guarantorId,
      kind: 'charge',
      amount_minor: fee.feeMinor,
      currency: clock.currency,
      service_date: clock.today,
      entered_at: enteredAt,
      entered_by: actor.userId,
      provider_id: provider?.id ?? appointment?.provider_id ?? null,
      procedure_code: item.code.toUpperCase(),
      ...where(item),
      chart_entry_id: id,
      plan_item_id: fee.planItemId,
      appointment_id: appointment?.id ?? null,
    });
    await tx.audit({ action: 'billing.charge.post', entity: 'patient', entityId: patient.id, details: { chargeId: posting.id, chartEntryId: id, code: posting.procedure_code, amountMinor: fee.feeMinor, planItemId: fee.planItemId } });
  }
}
