import type { TreatmentArea } from '../../shared/chart/findings';
import type { Notation } from '../../shared/chart/teeth';
import type { Acceptance, Plan, PlanItem } from '../../shared/contract/plans';
import type { Language } from '../../shared/i18n/languages';
import { type ItemStatus, isEditable, patientPortion, planState, planTotals } from '../../shared/plans/rules';
import type { TreatmentPlanItemsTable } from '../db/schema';
import { type Db, userNames } from '../patients/patients-repository';
import { listProcedureRows } from '../chairside/procedures/catalog-repository';
import type { PlanRows } from './plans-repository';

/** Rows to what the contract returns: items with names and portions, totals per phase, acceptances with names. */

export type NameLookup = (code: string) => { es: string; en: string };

export async function procedureNames(db: Db): Promise<NameLookup> {
  const rows = await listProcedureRows(db);
  const byCode = new Map(rows.map((r) => [r.code.toUpperCase(), { es: r.name_es, en: r.name_en }]));
  return (code) => byCode.get(code.toUpperCase()) ?? { es: code, en: code };
}

export async function appointmentStarts(db: Db, items: readonly TreatmentPlanItemsTable[]): Promise<Map<string, string>> {
  const ids = [...new Set(items.map((i) => i.appointment_id).filter((x): x is string => !!x))];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('appointments').select(['id', 'start_local']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.start_local]));
}

export function toItemOut(row: TreatmentPlanItemsTable, names: NameLookup, starts: Map<string, string>): PlanItem {
  const status = row.status as ItemStatus;
  return {
    id: row.id,
    planId: row.plan_id,
    chartEntryId: row.chart_entry_id,
    code: row.code,
    name: names(row.code),
    area: JSON.parse(row.area) as TreatmentArea,
    phase: row.phase,
    position: row.position,
    feeMinor: row.fee_minor,
    coverageMinor: row.coverage_minor,
    patientMinor: patientPortion(row.fee_minor, row.coverage_minor),
    status,
    acceptedAt: row.accepted_at,
    appointmentId: row.appointment_id,
    appointmentStart: row.appointment_id ? (starts.get(row.appointment_id) ?? null) : null,
    completedAt: row.completed_at,
    statusAt: row.status_at,
    editable: isEditable(status, row.accepted_at),
  };
}

export async function buildPlans(db: Db, rows: PlanRows): Promise<Plan[]> {
  if (rows.plans.length === 0) return [];
  const scheduleIds = [...new Set(rows.plans.map((p) => p.fee_schedule_id))];
  const userIds = [...rows.plans.map((p) => p.created_by), ...rows.acceptances.map((a) => a.recorded_by)].filter((x): x is string => !!x);
  const [names, starts, schedules, users] = await Promise.all([
    procedureNames(db),
    appointmentStarts(db, rows.items),
    db.selectFrom('fee_schedules').select(['id', 'name']).where('id', 'in', scheduleIds).execute(),
    userNames(db, userIds),
  ]);
  const scheduleName = new Map(schedules.map((s) => [s.id, s.name]));
  return rows.plans.map((plan) => {
    const items = rows.items.filter((i) => i.plan_id === plan.id).map((i) => toItemOut(i, names, starts));
    const totals = planTotals(items);
    const acceptances: Acceptance[] = rows.acceptances
      .filter((a) => a.plan_id === plan.id)
      .map((a) => ({
        id: a.id,
        decision: a.decision as Acceptance['decision'],
        itemIds: JSON.parse(a.item_ids) as string[],
        signatureKind: a.signature_kind as Acceptance['signatureKind'],
        signerName: a.signer_name,
        signaturePng: a.signature_png,
        recordedAt: a.recorded_at,
        recordedBy: a.recorded_by,
        recordedByName: a.recorded_by ? (users.get(a.recorded_by) ?? null) : null,
        snapshot: JSON.parse(a.snapshot) as Acceptance['snapshot'],
      }));
    return {
      id: plan.id,
      patientId: plan.patient_id,
      title: plan.title,
      feeScheduleId: plan.fee_schedule_id,
      feeScheduleName: scheduleName.get(plan.fee_schedule_id) ?? '',
      currency: plan.currency,
      state: planState(items.map((i) => i.status)),
      createdAt: plan.created_at,
      createdByName: plan.created_by ? (users.get(plan.created_by) ?? null) : null,
      items,
      phases: totals.phases,
      totals: totals.overall,
      acceptances,
    };
  });
}

/** For snapshots and prints: "26" or "36 OD" in the practice's numbering. */
export type AreaText = (area: TreatmentArea) => string;
export type { Language, Notation };
