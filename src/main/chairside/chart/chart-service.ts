import { v7 as uuidv7 } from 'uuid';
import { type ChartAction, type ChartActionError, applyChartAction, canRedo, canUndo } from '../../../shared/chart/actions';
import {
  type ChartEvent,
  type ChartState,
  type CorrectionMode,
  absentTeeth,
  chartAt,
  chartTeeth,
  diffCharts,
  itemHistory,
  orderEvents,
  voidedEventIds,
} from '../../../shared/chart/events';
import type { ChartStateOut } from '../../../shared/contract/chairside';
import { AppError, type ErrorCode } from '../../../shared/contract/errors';
import { readClinicalPreferences } from '../../practice/practice-repository';
import { type Db, userNames } from '../../patients/patients-repository';
import type { Actor, Store } from '../../store/store';
import { type PatientScope, conflict, patientScope, practiceClock, toInstant } from '../chairside-common';
import { readChairsideSettings } from '../chairside-settings';
import { ensureChairsideSeed } from '../chairside-seed';
import { loadCatalog, toProcedureOut } from '../procedures/catalog-service';
import { listProcedureRows } from '../procedures/catalog-repository';
import { loadLog, rowsOfBatch, toEvent, toEventRow } from './chart-repository';
import { postChartCharges } from '../../billing/chart-charges';
import { guardedWrite } from '../../billing/billing-policy';
import { recordRecallCompletions } from '../../recall/recall-triggers';

/*
 * The odontogram in main: the log is read from the database, every edit goes
 * through the shared applyChartAction with the practice's own catalog, and
 * the events it returns are appended, with their audit entry, in one
 * transaction. Nothing is updated or deleted: undo, redo and corrections are
 * voids, and the chart at any instant is replayed from the log (chartAt).
 */

/** Each rule's refusal as a typed error: bad input is VALIDATION on `action`, a stale chart is CONFLICT. */
const ACTION_ERRORS: Record<ChartActionError, { code: ErrorCode; key: string }> = {
  unknown_tooth: { code: 'VALIDATION', key: 'validation.tooth' },
  unknown_surface: { code: 'VALIDATION', key: 'validation.surfaces' },
  no_surfaces: { code: 'VALIDATION', key: 'validation.surfacesRequired' },
  range_not_contiguous: { code: 'VALIDATION', key: 'validation.rangeContiguous' },
  unknown_quadrant: { code: 'VALIDATION', key: 'validation.choice' },
  unknown_sextant: { code: 'VALIDATION', key: 'validation.choice' },
  unknown_arch: { code: 'VALIDATION', key: 'validation.choice' },
  unknown_status: { code: 'VALIDATION', key: 'validation.choice' },
  unknown_state: { code: 'VALIDATION', key: 'validation.choice' },
  code_required: { code: 'VALIDATION', key: 'validation.required' },
  reason_required: { code: 'VALIDATION', key: 'validation.required' },
  empty_dentition: { code: 'VALIDATION', key: 'validation.required' },
  unknown_code: { code: 'VALIDATION', key: 'validation.procedureCode' },
  surfaces_required: { code: 'VALIDATION', key: 'validation.procedureNeedsSurfaces' },
  unknown_finding: { code: 'CONFLICT', key: 'errors.CHART_ITEM_GONE' },
  already_completed: { code: 'CONFLICT', key: 'errors.CHART_ALREADY_COMPLETED' },
  no_change: { code: 'CONFLICT', key: 'errors.CHART_NO_CHANGE' },
  state_already_set: { code: 'CONFLICT', key: 'errors.CHART_STATE_SET' },
  state_not_set: { code: 'CONFLICT', key: 'errors.CHART_STATE_NOT_SET' },
  unknown_event: { code: 'CONFLICT', key: 'errors.CHART_EVENT_UNKNOWN' },
  already_voided: { code: 'CONFLICT', key: 'errors.CHART_ALREADY_VOIDED' },
  nothing_to_undo: { code: 'CONFLICT', key: 'errors.CHART_NOTHING_TO_UNDO' },
  nothing_to_redo: { code: 'CONFLICT', key: 'errors.CHART_NOTHING_TO_REDO' },
};

export function chartActionError(error: ChartActionError): AppError {
  const mapped = ACTION_ERRORS[error];
  if (mapped.code === 'VALIDATION') return new AppError('VALIDATION', 'errors.VALIDATION', { fields: { action: mapped.key }, params: { rule: error } });
  return new AppError(mapped.code, mapped.key, { params: { rule: error } });
}

export interface ChartViewOptions {
  asOf: string | null;
  corrections: CorrectionMode;
  userId: string;
}

/** What chart.get returns, from a log already read. */
export async function buildChartView(db: Db, scope: PatientScope, log: ChartEvent[], options: ChartViewOptions): Promise<ChartStateOut> {
  const state: ChartState = chartAt(log, options.asOf, { corrections: options.corrections });
  const [names, preferences, settings, catalog] = await Promise.all([
    userNames(
      db,
      log.map((e) => e.by).filter(Boolean),
    ),
    readClinicalPreferences(db),
    readChairsideSettings(db),
    listProcedureRows(db),
  ]);
  return {
    patientId: scope.patient.id,
    asOf: options.asOf,
    corrections: options.corrections,
    events: log,
    entries: [...state.entries],
    teeth: chartTeeth(state),
    absentTeeth: absentTeeth(state),
    canUndo: canUndo(log, options.userId),
    canRedo: canRedo(log, options.userId),
    users: Object.fromEntries(names),
    display: { numbering: preferences.toothNumbering, palette: settings.palette },
    catalog: catalog.map(toProcedureOut),
  };
}

export interface GetChartInput {
  patientId: string;
  asOf?: string;
  corrections: CorrectionMode;
}

export async function getChart(store: Store, actor: Actor, input: GetChartInput): Promise<ChartStateOut> {
  await ensureChairsideSeed(store, actor);
  const scope = await patientScope(store.db, input.patientId);
  const asOf = input.asOf ? toInstant(input.asOf, (await practiceClock(store.db)).timeZone) : null;
  return store.readAudited(
    actor,
    { action: 'chart.view', entity: 'patient', entityId: scope.patient.id, ...(asOf ? { details: { asOf } } : {}) },
    async (db) => buildChartView(db, scope, await loadLog(db, scope.ids), { asOf, corrections: input.corrections, userId: actor.userId ?? '' }),
  );
}

export interface ApplyInput {
  patientId: string;
  action: ChartAction;
  clientBatchId?: string;
}

/** The instant of a new edit: now, or just after the newest event if a clock elsewhere ran ahead (order is meaning). */
function editInstant(log: readonly ChartEvent[]): string {
  const now = Date.now();
  const last = log.length ? Date.parse(log[log.length - 1]!.at) : 0;
  return new Date(Math.max(now, last + 1)).toISOString();
}

export async function applyAction(store: Store, actor: Actor, input: ApplyInput): Promise<{ events: ChartEvent[]; chart: ChartStateOut }> {
  await ensureChairsideSeed(store, actor);
  const userId = actor.userId ?? '';
  // guardedWrite: a charge reversal the ledger's lock date refuses is audited after the rollback.
  return guardedWrite(store, actor, async (tx) => {
    const scope = await patientScope(tx.db, input.patientId);
    if (input.clientBatchId) {
      // A retry of an edit already stored: its events come back, nothing is applied twice.
      const done = await rowsOfBatch(tx.db, input.clientBatchId);
      if (done.length > 0) {
        if (!done.every((r) => scope.ids.includes(r.patient_id))) throw conflict('errors.CHART_BATCH_TAKEN');
        const log = await loadLog(tx.db, scope.ids);
        return { events: done.map(toEvent), chart: await buildChartView(tx.db, scope, log, { asOf: null, corrections: 'as_recorded', userId }) };
      }
    }
    const log = orderEvents(await loadLog(tx.db, scope.ids));
    const catalog = await loadCatalog(tx.db);
    // New findings take active codes; a code retired since keeps working on the findings that already use it.
    const used = new Set(log.flatMap((e) => ((e.kind === 'add' || e.kind === 'supersede') && e.item.type === 'finding' ? [e.item.code.toUpperCase()] : [])));
    const procedure =
      input.action.type === 'recordFinding' ? catalog.active : (code: string) => catalog.active(code) ?? (used.has(code.trim().toUpperCase()) ? catalog.all(code) : undefined);
    const result = applyChartAction(log, input.action, { at: editInstant(log), by: userId, newId: uuidv7, procedure });
    if (!result.ok) throw chartActionError(result.error);
    const events = input.clientBatchId ? result.events.map((e) => ({ ...e, batch: input.clientBatchId! })) : result.events;
    for (const event of events) await tx.insert('chart_events', toEventRow(event, scope.patient.id));
    const next = [...log, ...events];
    await recordRecallCompletions(tx, actor, scope.patient.id, log, next);
    await tx.audit({
      action: 'chart.apply',
      entity: 'patient',
      entityId: scope.patient.id,
      details: { action: input.action.type, batch: events[0]?.batch ?? null, events: events.length },
    });
    await postChartCharges(tx, actor, scope.patient, log, next);
    return { events, chart: await buildChartView(tx.db, scope, next, { asOf: null, corrections: 'as_recorded', userId }) };
  });
}

export async function chartHistory(store: Store, actor: Actor, patientId: string, itemId: string | undefined) {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'chart.history', entity: 'patient', entityId: scope.patient.id, ...(itemId ? { details: { itemId } } : {}) }, async (db) => {
    const log = await loadLog(db, scope.ids);
    let steps;
    if (itemId) steps = itemHistory(log, itemId);
    else {
      const ordered = orderEvents(log);
      const voided = voidedEventIds(ordered);
      const voiders = new Map<string, ChartEvent>();
      for (const e of ordered) if (e.kind === 'void' && !voided.has(e.id)) voiders.set(e.target, e);
      steps = ordered.map((event) => ({ event, voided: voided.has(event.id), voidedBy: voiders.get(event.id) ?? null }));
    }
    const names = await userNames(
      db,
      log.map((e) => e.by).filter(Boolean),
    );
    return { steps: steps.reverse(), users: Object.fromEntries(names) };
  });
}

export async function compareChart(store: Store, actor: Actor, input: { patientId: string; from: string; to: string; corrections: CorrectionMode }) {
  const scope = await patientScope(store.db, input.patientId);
  const { timeZone } = await practiceClock(store.db);
  const from = toInstant(input.from, timeZone);
  const to = toInstant(input.to, timeZone);
  return store.readAudited(actor, { action: 'chart.compare', entity: 'patient', entityId: scope.patient.id, details: { from, to } }, async (db) => {
    const log = await loadLog(db, scope.ids);
    const diff = diffCharts(chartAt(log, from, { corrections: input.corrections }), chartAt(log, to, { corrections: input.corrections }));
    return { from, to, ...diff };
  });
}
