import { chartAt } from '../../shared/chart/events';
import type { TreatmentArea } from '../../shared/chart/findings';
import { describeArea } from '../../shared/plans/where';
import { coverageAmount, patientPortion, planTotals } from '../../shared/plans/rules';
import type { FeeScheduleFeesTable, FeeSchedulesTable, TreatmentPlanAcceptancesTable, TreatmentPlanItemsTable, TreatmentPlansTable } from '../db/schema';
import { displayName } from '../patients/patients-repository';
import { loadLog } from '../chairside/chart/chart-repository';
import { PRIVATE_SCHEDULE_ID, feeRowId } from '../plans/fee-schedules';
import type { DemoContext, DemoStep } from './generate-demo';
import { seededUuidV7 } from './random';

/*
 * Treatment plans for the demo, consistent with the charts the chairside
 * step drew: every visit that planned treatment on a patient's chart got a
 * quote of those items, priced from the private list (or the FONASA
 * agreement for FONASA patients). What the chart shows completed was
 * accepted at that visit and is completed; what is still planned is, for
 * recent visits, still proposed or accepted and waiting to be booked, and
 * for older ones accepted (in progress) or declined; what left the chart
 * without being done was declined. Accepted quotes were signed on paper.
 */

export const PLANS_DEMO_VERSION = 1;
const DAY_MS = 86_400_000;
const PATIENTS_PER_CHUNK = 300;

/** The private list's fee by category (CLP), and per surface for restorations. */
const CATEGORY_FEES: Record<string, number> = {
  diagnostic: 25_000,
  preventive: 30_000,
  restorative: 35_000,
  endodontic: 180_000,
  periodontic: 60_000,
  prosthodontic: 350_000,
  implant: 900_000,
  surgery: 50_000,
  orthodontic: 40_000,
  other: 35_000,
};

export async function generatePlansDemo(ctx: Pick<DemoContext, 'store' | 'actor' | 'seed' | 'anchorMs' | 'patients' | 'counts' | 'random' | 'progress'>): Promise<void> {
  const random = ctx.random('plans');
  const opened = new Date(ctx.anchorMs - 10 * 365 * DAY_MS).toISOString();
  const procedures = await ctx.store.db.selectFrom('procedures').selectAll().where('kind', '=', 'procedure').execute();
  const names = new Map(procedures.map((p) => [p.code.toUpperCase(), p.name_es]));

  // The lists: the private one (the default) and a FONASA agreement with its coverage.
  const fonasaId = 'fee-schedule:demo-fonasa';
  const schedules: FeeSchedulesTable[] = [
    { id: PRIVATE_SCHEDULE_ID, name: 'Arancel particular', kind: 'private', isapre: null, is_default: 1, active: 1, created_at: opened, updated_at: opened },
    { id: fonasaId, name: 'Convenio FONASA', kind: 'fonasa', isapre: null, is_default: 0, active: 1, created_at: opened, updated_at: opened },
  ];
  const fees: FeeScheduleFeesTable[] = [];
  const price = new Map<string, number>();
  for (const p of procedures) {
    const fee = (CATEGORY_FEES[p.category] ?? 35_000) + (p.surface_count ? (p.surface_count - 1) * 10_000 : 0);
    price.set(p.code.toUpperCase(), fee);
    fees.push({ id: feeRowId(PRIVATE_SCHEDULE_ID, p.code), fee_schedule_id: PRIVATE_SCHEDULE_ID, code: p.code, fee_minor: fee, coverage_kind: 'none', coverage_value: 0, updated_at: opened });
    fees.push({ id: feeRowId(fonasaId, p.code), fee_schedule_id: fonasaId, code: p.code, fee_minor: Math.round((fee * 0.8) / 100) * 100, coverage_kind: 'percent', coverage_value: p.category === 'prosthodontic' || p.category === 'implant' ? 20 : 50, updated_at: opened });
  }
  await ctx.store.write(ctx.actor, async (tx) => {
    for (const s of schedules) if (!(await tx.db.selectFrom('fee_schedules').select('id').where('id', '=', s.id).executeTakeFirst())) await tx.insert('fee_schedules', s);
    for (const f of fees) await tx.insert('fee_schedule_fees', f);
    await tx.audit({ action: 'demo.seed', entity: 'fee_schedule', details: { schedules: schedules.length, fees: fees.length } });
  });
  const fonasaFee = new Map(fees.filter((f) => f.fee_schedule_id === fonasaId).map((f) => [f.code.toUpperCase(), f]));

  const byId = new Map(ctx.patients.map((p) => [p.id, p]));
  const charted = (await ctx.store.db.selectFrom('chart_events').select('patient_id').distinct().execute()).map((r) => r.patient_id).filter((id) => byId.has(id));
  const totals = { treatment_plans: 0, treatment_plan_items: 0, treatment_plan_acceptances: 0 };
  for (let start = 0; start < charted.length; start += PATIENTS_PER_CHUNK) {
    const plans: TreatmentPlansTable[] = [];
    const items: TreatmentPlanItemsTable[] = [];
    const acceptances: TreatmentPlanAcceptancesTable[] = [];
    for (const patientId of charted.slice(start, start + PATIENTS_PER_CHUNK)) {
      const patient = byId.get(patientId)!;
      const log = await loadLog(ctx.store.db, [patientId]);
      const now = chartAt(log, null);
      const current = new Map(now.entries.map((e) => [e.id, e]));
      const fonasa = patient.coverage.includes('"fonasa"');
      // Treatment planned at each visit: the findings added as planned, grouped by day.
      const visits = new Map<string, typeof log>();
      for (const e of log) {
        if (e.kind !== 'add' || e.item.type !== 'finding' || e.item.status !== 'planned' || !price.has(e.item.code.toUpperCase())) continue;
        const day = e.at.slice(0, 10);
        visits.set(day, [...(visits.get(day) ?? []), e]);
      }
      let n = 0;
      for (const [, adds] of visits) {
        const createdMs = Date.parse(adds[0]!.at);
        const createdAt = new Date(createdMs).toISOString();
        const planId = seededUuidV7(random, createdMs);
        const ageDays = (ctx.anchorMs - createdMs) / DAY_MS;
        plans.push({
          id: planId,
          patient_id: patientId,
          title: `Presupuesto ${++n}`,
          fee_schedule_id: fonasa ? fonasaId : PRIVATE_SCHEDULE_ID,
          currency: 'CLP',
          created_at: createdAt,
          created_by: adds[0]!.by || null,
          updated_at: createdAt,
          deleted_at: null,
        });
        const acceptanceId = seededUuidV7(random, createdMs + 600_000);
        const acceptedAt = new Date(createdMs + 600_000).toISOString();
        const planItems: TreatmentPlanItemsTable[] = [];
        adds.forEach((add, position) => {
          if (add.kind !== 'add' || add.item.type !== 'finding') return;
          const code = add.item.code;
          const fee = fonasa ? (fonasaFee.get(code.toUpperCase())?.fee_minor ?? price.get(code.toUpperCase())!) : price.get(code.toUpperCase())!;
          const coverage = fonasa ? coverageAmount(fee, { kind: 'percent', value: fonasaFee.get(code.toUpperCase())?.coverage_value ?? 0 }) : 0;
          const entry = current.get(add.id);
          const done = entry?.item.type === 'finding' && entry.item.status === 'completed';
          const stillPlanned = entry?.item.type === 'finding' && entry.item.status === 'planned';
          let status: TreatmentPlanItemsTable['status'];
          if (done) status = 'completed';
          else if (!stillPlanned) status = 'declined';
          else if (ageDays < 90) status = random.chance(0.5) ? 'planned' : 'accepted';
          else status = random.chance(0.35) ? 'declined' : 'accepted';
          const accepted = status === 'completed' || status === 'accepted';
          const statusAt = done ? entry!.changedAt : accepted ? acceptedAt : createdAt;
          planItems.push({
            id: seededUuidV7(random, createdMs + position),
            plan_id: planId,
            patient_id: patientId,
            chart_entry_id: add.id,
            code,
            area: JSON.stringify(add.item.area),
            phase: 1,
            position,
            fee_minor: fee,
            coverage_minor: coverage,
            status,
            accepted_at: accepted ? acceptedAt : null,
            acceptance_id: accepted ? acceptanceId : null,
            appointment_id: null,
            completed_at: done ? entry!.changedAt : null,
            completed_by: done ? entry!.changedBy || null : null,
            status_at: statusAt,
            status_by: null,
            created_at: createdAt,
            updated_at: statusAt,
            deleted_at: null,
          });
        });
        items.push(...planItems);
        const taken = planItems.filter((i) => i.accepted_at);
        if (taken.length) {
          const lines = taken.map((i) => ({
            id: i.id,
            code: i.code,
            name: names.get(i.code.toUpperCase()) ?? i.code,
            where: describeArea(JSON.parse(i.area) as TreatmentArea, 'fdi', 'es'),
            phase: i.phase,
            feeMinor: i.fee_minor,
            coverageMinor: i.coverage_minor,
            patientMinor: patientPortion(i.fee_minor, i.coverage_minor),
          }));
          acceptances.push({
            id: acceptanceId,
            plan_id: planId,
            patient_id: patientId,
            decision: taken.length === planItems.length ? 'whole' : 'partial',
            item_ids: JSON.stringify(taken.map((i) => i.id)),
            snapshot: JSON.stringify({ currency: 'CLP', feeScheduleName: fonasa ? 'Convenio FONASA' : 'Arancel particular', items: lines, totals: planTotals(lines.map((l) => ({ ...l, status: 'accepted' as const }))).overall }),
            signature_kind: 'paper',
            signer_name: displayName(patient),
            signature_png: null,
            recorded_at: acceptedAt,
            recorded_by: null,
          });
        }
      }
    }
    await ctx.store.write(ctx.actor, async (tx) => {
      for (const row of plans) await tx.insert('treatment_plans', row);
      for (const row of items) await tx.insert('treatment_plan_items', row);
      for (const row of acceptances) await tx.insert('treatment_plan_acceptances', row);
      await tx.audit({ action: 'demo.seed', entity: 'treatment_plans', details: { plans: plans.length, items: items.length } });
    });
    totals.treatment_plans += plans.length;
    totals.treatment_plan_items += items.length;
    totals.treatment_plan_acceptances += acceptances.length;
    ctx.progress(Math.min(start + PATIENTS_PER_CHUNK, charted.length), charted.length);
  }
  Object.assign(ctx.counts, totals);
}

export const plansStep: DemoStep = {
  name: 'plans',
  run: (ctx) => generatePlansDemo(ctx),
};
