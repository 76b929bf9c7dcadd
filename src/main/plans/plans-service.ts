import { v7 as uuidv7 } from 'uuid';
import { chartAt } from '../../shared/chart/events';
import type { TreatmentArea } from '../../shared/chart/findings';
import type { ChartActionInput } from '../../shared/contract/chairside';
import { AppError } from '../../shared/contract/errors';
import type { Acceptance, Plan } from '../../shared/contract/plans';
import type { Language } from '../../shared/i18n/languages';
import type { Notation } from '../../shared/chart/teeth';
import { translate } from '../../shared/i18n/translate';
import { type ItemStatus, canMove, coverageAmount, isEditable, patientPortion, planTotals } from '../../shared/plans/rules';
import { describeArea } from '../../shared/plans/where';
import type { TreatmentPlanItemsTable, TreatmentPlansTable } from '../db/schema';
import { type Db, displayName } from '../patients/patients-repository';
import { readClinicalPreferences } from '../practice/practice-repository';
import type { Actor, Store, WriteTx } from '../store/store';
import { conflict, patientScope, practiceClock, validation } from '../chairside/chairside-common';
import { ensureChairsideSeed } from '../chairside/chairside-seed';
import { loadLog } from '../chairside/chart/chart-repository';
import { type ApplyInput, applyAction } from '../chairside/chart/chart-service';
import { ensurePrivateSchedule, patientSchedule, priceOn } from './fee-schedules';
import { findItems, findPlan, loadPlanRows, withParts } from './plans-repository';
import { appointmentStarts, buildPlans, procedureNames, toItemOut } from './plans-view';

/*
 * Treatment plans. A plan belongs to a patient and prices its items with the
 * patient's fee schedule when they are added; the fee and the coverage
 * estimate are stored on the item, so a later change to the list does not
 * move a quote already given. Every item treats one chart entry: items taken
 * from the chart point at its planned finding, and a procedure added from the
 * catalog is charted as planned first (through the chart's own service), so
 * completing the item completes the chart entry and the chart shows it done.
 *
 * Accepting records a fact (treatment_plan_acceptances) with the snapshot
 * of what was signed, and freezes the accepted items (a trigger refuses any
 * change but their status).
 */

const now = () => new Date().toISOString();

type AreaInput = Extract<ChartActionInput, { type: 'recordFinding' }>['area'];

async function planById(db: Db, planId: string): Promise<Plan> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('NOT_FOUND');
  const [out] = await buildPlans(db, await withParts(db, [plan]));
  return out!;
}

async function requirePlan(db: Db, planId: string): Promise<TreatmentPlansTable> {
  const plan = await findPlan(db, planId);
  if (!plan) throw new AppError('NOT_FOUND');
  return plan;
}

export async function listPlans(store: Store, actor: Actor, patientId: string): Promise<{ plans: Plan[]; currency: string; numbering: Notation }> {
  const scope = await patientScope(store.db, patientId);
  const clock = await practiceClock(store.db);
  const preferences = await readClinicalPreferences(store.db);
  return store.readAudited(actor, { action: 'plans.view', entity: 'patient', entityId: scope.patient.id }, async (db) => ({
    plans: await buildPlans(db, await loadPlanRows(db, scope.ids)),
    currency: clock.currency,
    numbering: preferences.toothNumbering,
  }));
}

/** Chart entries still planned on the patient's chart, by id. */
async function plannedChartEntries(db: Db, patientIds: readonly string[]) {
  const state = chartAt(await loadLog(db, patientIds), null);
  const planned = new Map<string, { code: string; area: TreatmentArea }>();
  for (const entry of state.entries) {
    if (entry.item.type === 'finding' && entry.item.status === 'planned') planned.set(entry.id, { code: entry.item.code, area: entry.item.area });
  }
  return planned;
}

/** Chart entries some live item (not declined) of these patients already holds. */
async function heldChartEntries(db: Db, patientIds: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('treatment_plan_items')
    .innerJoin('treatment_plans', 'treatment_plans.id', 'treatment_plan_items.plan_id')
    .select('treatment_plan_items.chart_entry_id')
    .where('treatment_plan_items.patient_id', 'in', patientIds)
    .where('treatment_plan_items.deleted_at', 'is', null)
    .where('treatment_plans.deleted_at', 'is', null)
    .where('treatment_plan_items.status', '!=', 'declined')
    .where('treatment_plan_items.chart_entry_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.chart_entry_id!));
}

async function nextPosition(db: Db, planId: string): Promise<number> {
  const row = await db.selectFrom('treatment_plan_items').select((eb) => eb.fn.max('position').as('p')).where('plan_id', '=', planId).executeTakeFirst();
  return (row?.p === null || row?.p === undefined ? -1 : Number(row.p)) + 1;
}

/** Inserts one item priced from the plan's list. */
async function insertItem(tx: WriteTx, plan: TreatmentPlansTable, input: { id?: string | undefined; chartEntryId: string; code: string; area: TreatmentArea; phase: number; position: number }, at: string, userId: string | null): Promise<string> {
  const price = await priceOn(tx.db, { id: plan.fee_schedule_id }, input.code);
  const fee = price?.feeMinor ?? 0;
  const id = input.id ?? uuidv7();
  await tx.insert('treatment_plan_items', {
    id,
    plan_id: plan.id,
    patient_id: plan.patient_id,
    chart_entry_id: input.chartEntryId,
    code: input.code,
    area: JSON.stringify(input.area),
    phase: input.phase,
    position: input.position,
    fee_minor: fee,
    coverage_minor: price ? coverageAmount(fee, price.coverage) : 0,
    status: 'planned',
    accepted_at: null,
    acceptance_id: null,
    appointment_id: null,
    completed_at: null,
    completed_by: null,
    status_at: at,
    status_by: userId,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  });
  return id;
}

export interface CreateInput {
  patientId: string;
  planId: string;
  title: string;
  fromChart: boolean;
}

export async function createPlan(store: Store, actor: Actor, input: CreateInput): Promise<Plan> {
  await patientScope(store.db, input.patientId);
  await ensureChairsideSeed(store, actor);
  const clock = await practiceClock(store.db);
  return store.write(actor, async (tx) => {
    await ensurePrivateSchedule(tx);
    if (await tx.db.selectFrom('treatment_plans').select('id').where('id', '=', input.planId).executeTakeFirst()) {
      // A retry of a create that was stored: the plan comes back, nothing twice.
      return planById(tx.db, input.planId);
    }
    const scope = await patientScope(tx.db, input.patientId);
    const { schedule } = await patientSchedule(tx.db, scope.patient.id);
    const at = now();
    const existing = await tx.db.selectFrom('treatment_plans').select((eb) => eb.fn.countAll<number>().as('n')).where('patient_id', 'in', scope.ids).executeTakeFirst();
    const title = input.title || (translate(clock.language, 'plans.defaultTitle', { n: Number(existing?.n ?? 0) + 1 }) ?? `Plan ${Number(existing?.n ?? 0) + 1}`);
    const plan: TreatmentPlansTable = {
      id: input.planId,
      patient_id: scope.patient.id,
      title,
      fee_schedule_id: schedule.id,
      currency: clock.currency,
      created_at: at,
      created_by: actor.userId,
      updated_at: at,
      deleted_at: null,
    };
    await tx.insert('treatment_plans', plan);
    let added = 0;
    if (input.fromChart) {
      const planned = await plannedChartEntries(tx.db, scope.ids);
      const held = await heldChartEntries(tx.db, scope.ids);
      let position = 0;
      for (const [entryId, item] of planned) {
        if (held.has(entryId)) continue;
        await insertItem(tx, plan, { chartEntryId: entryId, code: item.code, area: item.area, phase: 1, position: position++ }, at, actor.userId);
        added++;
      }
    }
    await tx.audit({ action: 'plans.create', entity: 'patient', entityId: scope.patient.id, details: { planId: plan.id, fromChart: input.fromChart, items: added, feeScheduleId: schedule.id } });
    return planById(tx.db, plan.id);
  });
}

export async function renamePlan(store: Store, actor: Actor, planId: string, title: string): Promise<Plan> {
  return store.write(actor, async (tx) => {
    const plan = await requirePlan(tx.db, planId);
    await tx.update('treatment_plans', plan.id, { title, updated_at: now(), patient_id: plan.patient_id });
    await tx.audit({ action: 'plans.rename', entity: 'patient', entityId: plan.patient_id, details: { planId } });
    return planById(tx.db, planId);
  });
}

export async function addFromChart(store: Store, actor: Actor, input: { planId: string; chartEntryIds: string[]; phase: number }): Promise<Plan> {
  return store.write(actor, async (tx) => {
    const plan = await requirePlan(tx.db, input.planId);
    const scope = await patientScope(tx.db, plan.patient_id);
    const planned = await plannedChartEntries(tx.db, scope.ids);
    const held = await heldChartEntries(tx.db, scope.ids);
    let position = await nextPosition(tx.db, plan.id);
    const at = now();
    for (const entryId of new Set(input.chartEntryIds)) {
      const item = planned.get(entryId);
      if (!item) throw validation('chartEntryIds', 'plans.errors.notPlannedOnChart');
      if (held.has(entryId)) throw conflict('plans.errors.alreadyInPlan');
      await insertItem(tx, plan, { chartEntryId: entryId, code: item.code, area: item.area, phase: input.phase, position: position++ }, at, actor.userId);
    }
    await tx.audit({ action: 'plans.addFromChart', entity: 'patient', entityId: plan.patient_id, details: { planId: plan.id, items: input.chartEntryIds.length } });
    return planById(tx.db, plan.id);
  });
}

export async function addProcedure(store: Store, actor: Actor, input: { planId: string; code: string; area: AreaInput; phase: number; itemId?: string | undefined }): Promise<Plan> {
  const plan = await requirePlan(store.db, input.planId);
  if (input.itemId && (await findItems(store.db, [input.itemId])).length) return planById(store.db, plan.id);
  // Charted as planned through the chart's own rules (area, surfaces, code), then priced into the plan.
  const batch = uuidv7();
  const { events } = await applyAction(store, actor, {
    patientId: plan.patient_id,
    action: { type: 'recordFinding', area: input.area as ApplyInput['action'] extends { area: infer A } ? A : never, code: input.code, status: 'planned' } as ApplyInput['action'],
    clientBatchId: batch,
  });
  const added = events.find((e) => e.kind === 'add');
  if (!added || added.kind !== 'add' || added.item.type !== 'finding') throw new AppError('INTERNAL');
  const finding = added.item;
  return store.write(actor, async (tx) => {
    const at = now();
    await insertItem(tx, plan, { id: input.itemId, chartEntryId: added.id, code: finding.code, area: finding.area, phase: input.phase, position: await nextPosition(tx.db, plan.id) }, at, actor.userId);
    await tx.audit({ action: 'plans.addProcedure', entity: 'patient', entityId: plan.patient_id, details: { planId: plan.id, code: finding.code } });
    return planById(tx.db, plan.id);
  });
}

export async function arrangeItems(store: Store, actor: Actor, input: { planId: string; order: { itemId: string; phase: number }[] }): Promise<Plan> {
  return store.write(actor, async (tx) => {
    const plan = await requirePlan(tx.db, input.planId);
    const rows = await tx.db.selectFrom('treatment_plan_items').selectAll().where('plan_id', '=', plan.id).where('deleted_at', 'is', null).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const at = now();
    let changed = 0;
    for (const [position, entry] of input.order.entries()) {
      const row = byId.get(entry.itemId);
      if (!row) throw validation('order', 'plans.errors.itemNotInPlan');
      if (row.phase === entry.phase && row.position === position) continue;
      if (!isEditable(row.status as ItemStatus, row.accepted_at)) throw conflict('plans.errors.itemFrozen');
      await tx.update('treatment_plan_items', row.id, { phase: entry.phase, position, updated_at: at, patient_id: row.patient_id });
      changed++;
    }
    await tx.audit({ action: 'plans.arrange', entity: 'patient', entityId: plan.patient_id, details: { planId: plan.id, changed } });
    return planById(tx.db, plan.id);
  });
}

export async function removeItem(store: Store, actor: Actor, itemId: string): Promise<Plan> {
  return store.write(actor, async (tx) => {
    const [row] = await findItems(tx.db, [itemId]);
    if (!row) throw new AppError('NOT_FOUND');
    if (!isEditable(row.status as ItemStatus, row.accepted_at)) throw conflict('plans.errors.itemFrozen');
    const at = now();
    await tx.update('treatment_plan_items', row.id, { deleted_at: at, updated_at: at, patient_id: row.patient_id });
    await tx.audit({ action: 'plans.removeItem', entity: 'patient', entityId: row.patient_id, details: { planId: row.plan_id, itemId } });
    return planById(tx.db, row.plan_id);
  });
}

export interface AcceptInput {
  planId: string;
  decision: 'whole' | 'partial' | 'declined';
  itemIds: string[];
  signature: { kind: 'drawn'; signerName: string; png: string } | { kind: 'typed' | 'paper' | 'none'; signerName: string };
  acceptanceId?: string | undefined;
}

/** What the patient saw and signed: each item with its fee, coverage and portion, and the totals. */
function snapshotOf(items: readonly TreatmentPlanItemsTable[], names: (code: string) => { es: string; en: string }, where: (area: TreatmentArea) => string, language: Language, currency: string, feeScheduleName: string): Acceptance['snapshot'] {
  const lines = items.map((i) => ({
    id: i.id,
    code: i.code,
    name: names(i.code)[language],
    where: where(JSON.parse(i.area) as TreatmentArea),
    phase: i.phase,
    feeMinor: i.fee_minor,
    coverageMinor: i.coverage_minor,
    patientMinor: patientPortion(i.fee_minor, i.coverage_minor),
  }));
  return { currency, feeScheduleName, items: lines, totals: planTotals(lines.map((l) => ({ ...l, status: 'accepted' as const }))).overall };
}

export async function acceptPlan(store: Store, actor: Actor, input: AcceptInput): Promise<Plan> {
  const clock = await practiceClock(store.db);
  const preferences = await readClinicalPreferences(store.db);
  return store.write(actor, async (tx) => {
    const plan = await requirePlan(tx.db, input.planId);
    if (input.acceptanceId && (await tx.db.selectFrom('treatment_plan_acceptances').select('id').where('id', '=', input.acceptanceId).executeTakeFirst())) {
      return planById(tx.db, plan.id);
    }
    const rows = await tx.db.selectFrom('treatment_plan_items').selectAll().where('plan_id', '=', plan.id).where('deleted_at', 'is', null).orderBy('phase').orderBy('position').execute();
    const open = rows.filter((r) => r.status === 'planned');
    let targets: TreatmentPlanItemsTable[];
    if (input.decision === 'partial') {
      const wanted = new Set(input.itemIds);
      targets = open.filter((r) => wanted.has(r.id));
      if (targets.length !== wanted.size) throw validation('itemIds', 'plans.errors.notOpenItems');
    } else targets = open;
    if (targets.length === 0) throw conflict('plans.errors.nothingToAccept');
    const at = now();
    const acceptanceId = input.acceptanceId ?? uuidv7();
    const names = await procedureNames(tx.db);
    const schedule = await tx.db.selectFrom('fee_schedules').select('name').where('id', '=', plan.fee_schedule_id).executeTakeFirst();
    const snapshot = snapshotOf(targets, names, (area) => describeArea(area, preferences.toothNumbering, clock.language), clock.language, plan.currency, schedule?.name ?? '');
    await tx.insert('treatment_plan_acceptances', {
      id: acceptanceId,
      plan_id: plan.id,
      patient_id: plan.patient_id,
      decision: input.decision,
      item_ids: JSON.stringify(input.decision === 'declined' ? [] : targets.map((t) => t.id)),
      snapshot: JSON.stringify(snapshot),
      signature_kind: input.signature.kind,
      signer_name: input.signature.signerName,
      signature_png: input.signature.kind === 'drawn' ? input.signature.png : null,
      recorded_at: at,
      recorded_by: actor.userId,
    });
    for (const row of targets) {
      if (input.decision === 'declined') {
        await tx.update('treatment_plan_items', row.id, { status: 'declined', status_at: at, status_by: actor.userId, updated_at: at, patient_id: row.patient_id });
      } else {
        await tx.update('treatment_plan_items', row.id, { status: 'accepted', accepted_at: at, acceptance_id: acceptanceId, status_at: at, status_by: actor.userId, updated_at: at, patient_id: row.patient_id });
      }
    }
    await tx.audit({
      action: 'plans.accept',
      entity: 'patient',
      entityId: plan.patient_id,
      details: { planId: plan.id, acceptanceId, decision: input.decision, items: targets.length, signature: input.signature.kind },
    });
    return planById(tx.db, plan.id);
  });
}

async function moveStatus(tx: WriteTx, rows: readonly TreatmentPlanItemsTable[], to: ItemStatus, userId: string | null, extra: Partial<TreatmentPlanItemsTable> = {}): Promise<void> {
  const at = now();
  for (const row of rows) {
    if (row.status === to && to !== 'scheduled') continue;
    if (row.status !== to && !canMove(row.status as ItemStatus, to)) throw conflict('plans.errors.badMove', { from: row.status, to });
    await tx.update('treatment_plan_items', row.id, { status: to, status_at: at, status_by: userId, updated_at: at, patient_id: row.patient_id, ...extra });
  }
}

export async function setItemsStatus(store: Store, actor: Actor, itemIds: string[], status: 'declined' | 'planned' | 'accepted'): Promise<Plan> {
  return store.write(actor, async (tx) => {
    const rows = await findItems(tx.db, itemIds);
    if (rows.length !== new Set(itemIds).size) throw new AppError('NOT_FOUND');
    const planId = rows[0]!.plan_id;
    if (rows.some((r) => r.plan_id !== planId)) throw validation('itemIds', 'plans.errors.itemNotInPlan');
    // Back to accepted is un-booking a scheduled item; accepting itself goes through an acceptance.
    if (status === 'accepted' && rows.some((r) => r.status !== 'scheduled')) throw conflict('plans.errors.acceptThroughSignature');
    await moveStatus(tx, rows, status, actor.userId, status === 'accepted' ? { appointment_id: null } : {});
    await tx.audit({ action: 'plans.items.setStatus', entity: 'patient', entityId: rows[0]!.patient_id, details: { planId, status, items: rows.length } });
    return planById(tx.db, planId);
  });
}

export async function bookItems(store: Store, actor: Actor, itemIds: string[], appointmentId: string): Promise<Plan> {
  return store.write(actor, async (tx) => {
    const rows = await findItems(tx.db, itemIds);
    if (rows.length !== new Set(itemIds).size) throw new AppError('NOT_FOUND');
    const appointment = await tx.db.selectFrom('appointments').select(['id', 'patient_id', 'status']).where('id', '=', appointmentId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!appointment) throw validation('appointmentId', 'plans.errors.noAppointment');
    const scope = await patientScope(tx.db, rows[0]!.patient_id);
    if (!scope.ids.includes(appointment.patient_id) || rows.some((r) => !scope.ids.includes(r.patient_id))) throw validation('appointmentId', 'plans.errors.otherPatient');
    if (rows.some((r) => r.status !== 'accepted' && r.status !== 'scheduled')) throw conflict('plans.errors.bookAccepted');
    await moveStatus(tx, rows, 'scheduled', actor.userId, { appointment_id: appointment.id });
    await tx.audit({ action: 'plans.items.book', entity: 'patient', entityId: scope.patient.id, details: { appointmentId, items: rows.length } });
    return planById(tx.db, rows[0]!.plan_id);
  });
}

/** Completes items: each chart entry through the chart service first (already completed there is fine), then the items. */
export async function completeItems(store: Store, actor: Actor, itemIds: string[]): Promise<{ completed: number; plans: Plan[] }> {
  const rows = await findItems(store.db, itemIds);
  if (rows.length !== new Set(itemIds).size) throw new AppError('NOT_FOUND');
  for (const row of rows) if (row.status !== 'completed' && !canMove(row.status as ItemStatus, 'completed')) throw conflict('plans.errors.completeAccepted');
  for (const row of rows) {
    if (row.status === 'completed' || !row.chart_entry_id) continue;
    try {
      await applyAction(store, actor, { patientId: row.patient_id, action: { type: 'completeFinding', findingId: row.chart_entry_id } });
    } catch (error) {
      // Completed on the chart already (from the chart itself): the item follows.
      const key = error instanceof AppError ? error.value.messageKey : '';
      if (!(error instanceof AppError) || (key !== 'errors.CHART_ALREADY_COMPLETED' && key !== 'errors.CHART_ITEM_GONE')) throw error;
    }
  }
  return store.write(actor, async (tx) => {
    const fresh = await findItems(tx.db, itemIds);
    const open = fresh.filter((r) => r.status !== 'completed');
    const at = now();
    await moveStatus(tx, open, 'completed', actor.userId, { completed_at: at, completed_by: actor.userId });
    for (const patientId of new Set(fresh.map((r) => r.patient_id))) {
      await tx.audit({ action: 'plans.items.complete', entity: 'patient', entityId: patientId, details: { items: open.filter((r) => r.patient_id === patientId).length } });
    }
    const planIds = [...new Set(fresh.map((r) => r.plan_id))];
    return { completed: open.length, plans: await Promise.all(planIds.map((id) => planById(tx.db, id))) };
  });
}

export async function itemsForAppointment(store: Store, actor: Actor, appointmentId: string) {
  const appointment = await store.db.selectFrom('appointments').select(['id', 'patient_id']).where('id', '=', appointmentId).executeTakeFirst();
  if (!appointment) throw new AppError('NOT_FOUND');
  return store.readAudited(actor, { action: 'plans.forAppointment', entity: 'patient', entityId: appointment.patient_id, details: { appointmentId } }, async (db) => {
    const rows = await db.selectFrom('treatment_plan_items').selectAll().where('appointment_id', '=', appointmentId).where('status', '=', 'scheduled').where('deleted_at', 'is', null).orderBy('phase').orderBy('position').execute();
    const [names, starts] = await Promise.all([procedureNames(db), appointmentStarts(db, rows)]);
    return { items: rows.map((r) => toItemOut(r, names, starts)), patientId: appointment.patient_id };
  });
}

export async function unscheduledItems(store: Store, actor: Actor, limit: number, offset: number) {
  const { toothNumbering } = await readClinicalPreferences(store.db);
  return store.readAudited(actor, { action: 'plans.unscheduled', entity: 'schedule', details: { limit, offset } }, async (db) => {
    const base = db
      .selectFrom('treatment_plan_items as i')
      .innerJoin('treatment_plans as p', 'p.id', 'i.plan_id')
      .innerJoin('patients as pt', 'pt.id', 'i.patient_id')
      .where('i.status', '=', 'accepted')
      .where('i.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .where('pt.deleted_at', 'is', null);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await base
      .selectAll('i')
      .select(['p.title as plan_title', 'p.currency as plan_currency', 'pt.given_names', 'pt.first_surname', 'pt.second_surname', 'pt.merged_into_id'])
      .orderBy('i.accepted_at')
      .orderBy('i.phase')
      .orderBy('i.position')
      .limit(limit)
      .offset(offset)
      .execute();
    const names = await procedureNames(db);
    const starts = new Map<string, string>();
    return {
      numbering: toothNumbering,
      total: Number(total?.n ?? 0),
      lines: rows.map((r) => ({
        item: toItemOut(r, names, starts),
        patientId: r.merged_into_id ?? r.patient_id,
        patientName: displayName(r),
        planTitle: r.plan_title,
        currency: r.plan_currency,
      })),
    };
  });
}
