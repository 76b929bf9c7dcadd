import type { ChartEvent } from '../../shared/chart/events';
import { addMonths } from '../../shared/recall/dates';
import { utcToLocal } from '../../shared/schedule/time';
import type { RecallTypesTable } from '../db/schema';
import { parseJson, practiceClock } from '../chairside/chairside-common';
import type { Actor, WriteTx } from '../store/store';
import { defaultRecallTypeRows, patientRecallId } from './default-types';

/*
 * The chart's one call into recall: when an edit completes a procedure whose
 * code a recall type names, the patient's recall of that type is done that day
 * and next due one interval later (the patient's own, else the type's). It
 * runs inside the chart's transaction, so the completion and the new due date
 * commit together. A completion dated before the recall's last one (a late
 * entry) does not move it back.
 */

/** The recall types in the transaction, seeding ours the first time. */
export async function recallTypesIn(tx: WriteTx): Promise<RecallTypesTable[]> {
  const rows = await tx.db.selectFrom('recall_types').selectAll().execute();
  if (rows.length > 0) return rows;
  const seeded = defaultRecallTypeRows(new Date().toISOString());
  for (const row of seeded) await tx.insert('recall_types', row);
  await tx.audit({ action: 'recall.types.seed', entity: 'recall_type', details: { count: seeded.length } });
  return seeded;
}

function completedCodes(events: readonly ChartEvent[]): { code: string; at: string }[] {
  const out: { code: string; at: string }[] = [];
  for (const e of events) {
    if (e.kind !== 'add' && e.kind !== 'supersede') continue;
    if (e.item.type !== 'finding' || e.item.status !== 'completed') continue;
    // A completion, or a procedure recorded as done today; not a later edit of a note on a completed one.
    if (e.action !== 'completeFinding' && e.action !== 'recordFinding') continue;
    out.push({ code: e.item.code.trim().toUpperCase(), at: e.at });
  }
  return out;
}

export async function recordRecallCompletions(tx: WriteTx, actor: Actor, patientId: string, events: readonly ChartEvent[]): Promise<void> {
  const done = completedCodes(events);
  if (done.length === 0) return;
  const types = (await recallTypesIn(tx)).filter((t) => t.active === 1);
  const { timeZone } = await practiceClock(tx.db);
  const provider = actor.userId ? await tx.db.selectFrom('providers').select('id').where('user_id', '=', actor.userId).where('active', '=', 1).executeTakeFirst() : undefined;
  for (const type of types) {
    const codes = new Set(parseJson<string[]>(type.trigger_codes, []).map((c) => c.toUpperCase()));
    const hits = done.filter((d) => codes.has(d.code));
    if (hits.length === 0) continue;
    const date = hits.map((h) => utcToLocal(Date.parse(h.at), timeZone).slice(0, 10)).sort().pop()!;
    const id = patientRecallId(patientId, type.id);
    const existing = await tx.db.selectFrom('patient_recalls').selectAll().where('id', '=', id).executeTakeFirst();
    const now = new Date().toISOString();
    if (existing && existing.last_done_date && existing.last_done_date >= date) continue;
    const due = addMonths(date, existing?.interval_months ?? type.interval_months);
    if (existing) {
      await tx.update('patient_recalls', id, { last_done_date: date, due_date: due, active: 1, ...(provider ? { provider_id: provider.id } : {}), updated_at: now });
    } else {
      await tx.insert('patient_recalls', {
        id,
        patient_id: patientId,
        type_id: type.id,
        interval_months: null,
        last_done_date: date,
        due_date: due,
        provider_id: provider?.id ?? null,
        active: 1,
        created_at: now,
        updated_at: now,
      });
    }
    await tx.audit({ action: 'recall.completed', entity: 'patient', entityId: patientId, details: { typeId: type.id, done: date, due, codes: hits.map((h) => h.code) } });
  }
}
