import type { ChartEvent } from '../../../shared/chart/events';
import type { ChartItem } from '../../../shared/chart/findings';
import type { ChartEventsTable } from '../../db/schema';
import type { Db } from '../../patients/patients-repository';

/*
 * The chart's events as rows: one per event, never updated or deleted (the
 * database refuses both). Read in time order; events of one instant keep the
 * order they were made in, which their UUIDv7 ids preserve.
 */

export function toEvent(row: ChartEventsTable): ChartEvent {
  const meta = { id: row.id, at: row.at, by: row.by_user_id ?? '', batch: row.batch_id, action: row.action as ChartEvent['action'] };
  switch (row.kind) {
    case 'add':
      return { ...meta, kind: 'add', item: JSON.parse(row.item!) as ChartItem };
    case 'supersede':
      return { ...meta, kind: 'supersede', target: row.target_id!, item: JSON.parse(row.item!) as ChartItem };
    case 'end':
      return { ...meta, kind: 'end', target: row.target_id! };
    default:
      return { ...meta, kind: 'void', target: row.target_id!, reason: row.reason ?? '' };
  }
}

export function toEventRow(event: ChartEvent, patientId: string): ChartEventsTable {
  return {
    id: event.id,
    patient_id: patientId,
    at: event.at,
    by_user_id: event.by || null,
    batch_id: event.batch,
    action: event.action,
    kind: event.kind,
    target_id: event.kind === 'add' ? null : event.target,
    item: event.kind === 'add' || event.kind === 'supersede' ? JSON.stringify(event.item) : null,
    reason: event.kind === 'void' ? event.reason : null,
  };
}

/** The whole log of these patients (a patient and the records merged into it), oldest first. */
export async function loadLog(db: Db, patientIds: readonly string[]): Promise<ChartEvent[]> {
  const rows = await db.selectFrom('chart_events').selectAll().where('patient_id', 'in', patientIds).orderBy('at').orderBy('id').execute();
  return rows.map(toEvent);
}

export function rowsOfBatch(db: Db, batchId: string): Promise<ChartEventsTable[]> {
  return db.selectFrom('chart_events').selectAll().where('batch_id', '=', batchId).orderBy('at').orderBy('id').execute();
}
