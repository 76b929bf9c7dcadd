import type { ChartEvent } from '../../shared/chart/events';
import { addMonths } from '../../shared/recall/dates';
import { lastCompletions } from '../../shared/recall/completions';
import { utcToLocal } from '../../shared/schedule/time';
import type { PatientRecallsTable, RecallTypesTable } from '../db/schema';
import { parseJson, practiceClock } from '../chairside/chairside-common';
import type { Actor, WriteTx } from '../store/store';
import { defaultRecallTypeRows, patientRecallId } from './default-types';

/*
 * The chart's one call into recall: when an edit completes a procedure whose
 * code a recall type names, the patient's recall of that type is done that day
 * and next due one interval later (the patient's own, else the type's). It
 * runs inside the chart's transaction, so the completion and the new due date
 * commit together. A completion dated before the recall's last one (a late
 * entry) does not move it back; taking back the completion it was set from does.
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

/** The practice-day of the latest standing completion of any of a type's codes, if any. */
function lastDoneDay(completions: ReadonlyMap<string, string>, codes: ReadonlySet<string>, timeZone: string): { date: string; codes: string[] } | null {
  const hits = [...completions].filter(([code]) => codes.has(code));
  if (hits.length === 0) return null;
  const date = hits.map(([, at]) => utcToLocal(Date.parse(at), timeZone).slice(0, 10)).sort().pop()!;
  return { date, codes: hits.map(([code]) => code) };
}

/**
 * Called with the chart's log before and after an edit. A new completion moves
 * the recall on; an undo, void or change that takes back the completion the
 * recall was set from moves it back to the one before (or clears it).
 */
export async function recordRecallCompletions(tx: WriteTx, actor: Actor, patientId: string, before: readonly ChartEvent[], after: readonly ChartEvent[]): Promise<void> {
  const was = lastCompletions(before);
  const is = lastCompletions(after);
  if (was.size === is.size && [...was].every(([code, at]) => is.get(code) === at)) return;
  const types = (await recallTypesIn(tx)).filter((t) => t.active === 1);
  const { timeZone } = await practiceClock(tx.db);
  for (const type of types) {
    const codes = new Set(parseJson<string[]>(type.trigger_codes, []).map((c) => c.toUpperCase()));
    const previous = lastDoneDay(was, codes, timeZone);
    const current = lastDoneDay(is, codes, timeZone);
    if (previous?.date === current?.date) continue;
    const id = patientRecallId(patientId, type.id);
    const existing = await tx.db.selectFrom('patient_recalls').selectAll().where('id', '=', id).executeTakeFirst();
    if (current && (!previous || current.date > previous.date)) await moveOn(tx, actor, patientId, type, existing, current);
    else if (previous && existing && existing.last_done_date === previous.date) await moveBack(tx, patientId, type, existing, current);
  }
}

async function moveOn(tx: WriteTx, actor: Actor, patientId: string, type: RecallTypesTable, existing: PatientRecallsTable | undefined, done: { date: string; codes: string[] }): Promise<void> {
  const { date } = done;
  // A late entry dated before the recall's last completion does not move it back.
  if (existing && existing.last_done_date && existing.last_done_date >= date) return;
  const provider = actor.userId ? await tx.db.selectFrom('providers').select('id').where('user_id', '=', actor.userId).where('active', '=', 1).executeTakeFirst() : undefined;
  const id = patientRecallId(patientId, type.id);
  const now = new Date().toISOString();
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
  await tx.audit({ action: 'recall.completed', entity: 'patient', entityId: patientId, details: { typeId: type.id, done: date, due, codes: done.codes } });
}

/** The completion the recall was set from was taken back: due one interval after the one before, or not due at all. */
async function moveBack(tx: WriteTx, patientId: string, type: RecallTypesTable, existing: PatientRecallsTable, earlier: { date: string } | null): Promise<void> {
  const due = earlier ? addMonths(earlier.date, existing.interval_months ?? type.interval_months) : null;
  await tx.update('patient_recalls', existing.id, { last_done_date: earlier?.date ?? null, due_date: due, updated_at: new Date().toISOString() });
  await tx.audit({ action: 'recall.completionUndone', entity: 'patient', entityId: patientId, details: { typeId: type.id, undone: existing.last_done_date, done: earlier?.date ?? null, due } });
}
