import fc from 'fast-check';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { chartAt } from '../../src/shared/chart/events';
import { coverageAmount, moveItem, patientPortion, planTotals } from '../../src/shared/plans/rules';
import { feeForChartEntry, scheduleFee } from '../../src/main/plans/plan-fees';
import { loadLog } from '../../src/main/chairside/chart/chart-repository';
import { call, callError } from '../support/practice';
import { chairsideFixture, lastAudit, pdfText, signIn } from './chairside-support';
import { scheduleFixture, bookInput } from './schedule-support';

const SEED = Number(process.env.FC_SEED ?? 20261204);
const RUNS = Number(process.env.FC_RUNS ?? 200);

/** FDI 26 and 36 are Universal 14 and 19. */
const CROWN_26 = { code: 'COR-CER', area: { kind: 'tooth', tooth: '14' } } as const;
const FILLING_36 = { code: 'RES-C2', area: { kind: 'surface', tooth: '19', surfaces: 'OD' } } as const;

async function withFees(f: { core: Awaited<ReturnType<typeof chairsideFixture>>['core'] }) {
  await call(f.core, 'admin', 'chart.procedures.upsert', { code: 'COR-CER', name: { es: 'Corona cerámica libre de metal', en: 'All-ceramic crown' }, kind: 'procedure', category: 'prosthodontic', area: 'tooth', resultsIn: 'crown', feeMinor: 350_000 });
  const lists = await call(f.core, 'admin', 'fees.schedules.list', {});
  const privateList = lists.find((l) => l.isDefault)!;
  await call(f.core, 'admin', 'fees.schedules.setFee', { scheduleId: privateList.id, code: 'RES-C2', feeMinor: 45_000 });
  const fonasa = await call(f.core, 'admin', 'fees.schedules.save', { name: 'Convenio FONASA', kind: 'fonasa' });
  await call(f.core, 'admin', 'fees.schedules.setFee', { scheduleId: fonasa.id, code: 'RES-C2', feeMinor: 30_000, coverage: { kind: 'percent', value: 70 } });
  await call(f.core, 'admin', 'fees.schedules.setFee', { scheduleId: fonasa.id, code: 'COR-CER', feeMinor: 300_000, coverage: { kind: 'fixed', value: 100_000 } });
  return { privateList, fonasa };
}

describe('plan rules', () => {
  it('estimates coverage down, never above the fee, so the portion is never negative', () => {
    expect(coverageAmount(45_000, { kind: 'percent', value: 70 })).toBe(31_500);
    expect(coverageAmount(999, { kind: 'percent', value: 33 })).toBe(329);
    expect(coverageAmount(10_000, { kind: 'fixed', value: 25_000 })).toBe(10_000);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            phase: fc.integer({ min: 1, max: 9 }),
            status: fc.constantFrom('planned', 'accepted', 'scheduled', 'completed', 'declined' as const),
            feeMinor: fc.integer({ min: 0, max: 50_000_000 }),
            coverage: fc.oneof(
              fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 100 }) }),
              fc.record({ kind: fc.constant('fixed' as const), value: fc.integer({ min: 0, max: 80_000_000 }) }),
              fc.constant({ kind: 'none' as const, value: 0 }),
            ),
          }),
          { maxLength: 40 },
        ),
        (raw) => {
          const items = raw.map((r) => ({ ...r, coverageMinor: coverageAmount(r.feeMinor, r.coverage) }));
          for (const i of items) {
            expect(i.coverageMinor).toBeGreaterThanOrEqual(0);
            expect(i.coverageMinor).toBeLessThanOrEqual(i.feeMinor);
            expect(patientPortion(i.feeMinor, i.coverageMinor)).toBeGreaterThanOrEqual(0);
          }
          const totals = planTotals(items);
          const sum = (k: 'feeMinor' | 'coverageMinor' | 'patientMinor') => totals.phases.reduce((s, p) => s + p.totals[k], 0);
          expect(totals.overall.feeMinor).toBe(sum('feeMinor'));
          expect(totals.overall.patientMinor).toBe(sum('patientMinor'));
          expect(totals.overall.feeMinor).toBe(items.filter((i) => i.status !== 'declined').reduce((s, i) => s + i.feeMinor, 0));
          expect(totals.overall.feeMinor - totals.overall.coverageMinor).toBe(totals.overall.patientMinor);
        },
      ),
      { seed: SEED, numRuns: RUNS, verbose: 1 },
    );
  });

  it('moves an item within its phase, and across into the next at the edge', () => {
    const order = [
      { id: 'a', phase: 1 },
      { id: 'b', phase: 1 },
      { id: 'c', phase: 2 },
    ];
    expect(moveItem(order, 'b', -1)).toEqual([{ id: 'b', phase: 1 }, { id: 'a', phase: 1 }, { id: 'c', phase: 2 }]);
    expect(moveItem(order, 'b', 1)).toEqual([{ id: 'a', phase: 1 }, { id: 'b', phase: 2 }, { id: 'c', phase: 2 }]);
    expect(moveItem(order, 'a', -1)).toBeNull();
  });
});

describe('fee schedules', () => {
  it('prices by the patient’s list: the private list by default, the FONASA agreement for a FONASA patient', async () => {
    const f = await chairsideFixture();
    const { privateList, fonasa } = await withFees(f);
    const db = f.core.vault.store().db;
    expect(await scheduleFee(db, f.camila.id, 'RES-C2')).toEqual({ feeMinor: 45_000, currency: 'CLP' });
    // The catalog's fee is the private list's fallback.
    expect(await scheduleFee(db, f.camila.id, 'COR-CER')).toEqual({ feeMinor: 350_000, currency: 'CLP' });
    expect(await scheduleFee(db, f.camila.id, 'EXA-01')).toBeNull();
    expect(await call(f.core, f.receptionist, 'fees.patient.get', { patientId: f.camila.id })).toMatchObject({ schedule: { id: privateList.id }, chosen: false });

    const pedro = await call(f.core, 'admin', 'patients.create', { draft: { givenNames: 'Pedro', firstSurname: 'Rojas', secondSurname: 'Vega', coverage: { kind: 'fonasa', tramo: 'B' } } });
    expect(await call(f.core, f.dentist, 'fees.patient.get', { patientId: pedro.id })).toMatchObject({ schedule: { id: fonasa.id, kind: 'fonasa' }, chosen: false });
    expect(await scheduleFee(db, pedro.id, 'RES-C2')).toEqual({ feeMinor: 30_000, currency: 'CLP' });
    // A code the agreement lacks falls back to the private list.
    await call(f.core, 'admin', 'fees.schedules.setFee', { scheduleId: privateList.id, code: 'EXA-01', feeMinor: 20_000 });
    expect(await scheduleFee(db, pedro.id, 'EXA-01')).toEqual({ feeMinor: 20_000, currency: 'CLP' });
    // A plan for him carries the agreement's coverage estimate.
    const plan = await call(f.core, f.dentist, 'plans.create', { patientId: pedro.id, planId: uuidv7(), fromChart: false });
    const priced = await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...FILLING_36 });
    expect(priced.items[0]).toMatchObject({ feeMinor: 30_000, coverageMinor: 21_000, patientMinor: 9_000 });
    expect(priced.feeScheduleName).toBe('Convenio FONASA');
    // The front desk may choose another list for the patient.
    await call(f.core, f.receptionist, 'fees.patient.set', { patientId: pedro.id, scheduleId: privateList.id });
    expect(await call(f.core, f.receptionist, 'fees.patient.get', { patientId: pedro.id })).toMatchObject({ schedule: { id: privateList.id }, chosen: true });
    expect(await scheduleFee(db, pedro.id, 'RES-C2')).toEqual({ feeMinor: 45_000, currency: 'CLP' });
  });

  it('imports a price list as CSV, reporting each bad row by line and keeping the good ones', async () => {
    const f = await chairsideFixture();
    const { fonasa } = await withFees(f);
    const csv = ['codigo;arancel;cobertura', 'RES-C1;25.000;70%', 'NOPE-1;1.000;', ';5.000;', 'RES-C3;doce;', 'EXT-S;18.000;150%', 'res-c1;1;', 'END-MO;120.000;40.000', ''].join('\n');
    const dry = await call(f.core, 'admin', 'fees.schedules.importCsv', { scheduleId: fonasa.id, text: csv, dryRun: true });
    expect(dry.imported).toBe(2);
    expect(dry.errors).toEqual([
      { line: 3, column: 'code', error: 'unknown_code', value: 'NOPE-1' },
      { line: 4, column: 'code', error: 'code_required' },
      { line: 5, column: 'fee', error: 'fee_invalid', value: 'doce' },
      { line: 6, column: 'coverage', error: 'coverage_invalid', value: '150%' },
      { line: 7, column: 'code', error: 'duplicate_code', value: 'res-c1' },
    ]);
    const before = await call(f.core, 'admin', 'fees.schedules.fees', { scheduleId: fonasa.id });
    expect(before.lines.find((l) => l.code === 'RES-C1')!.feeMinor).toBeNull();
    const run = await call(f.core, 'admin', 'fees.schedules.importCsv', { scheduleId: fonasa.id, text: csv });
    expect(run).toMatchObject({ imported: 2, dryRun: false });
    const after = await call(f.core, 'admin', 'fees.schedules.fees', { scheduleId: fonasa.id });
    expect(after.lines.find((l) => l.code === 'RES-C1')).toMatchObject({ feeMinor: 25_000, coverage: { kind: 'percent', value: 70 } });
    expect(after.lines.find((l) => l.code === 'END-MO')).toMatchObject({ feeMinor: 120_000, coverage: { kind: 'fixed', value: 40_000 } });
    expect(await lastAudit(f.core)).toMatchObject({ action: 'fees.schedule.view' });
  });

  it('lets only the admin edit fees: a receptionist and a dentist are refused, nothing written', async () => {
    const f = await chairsideFixture();
    const { fonasa } = await withFees(f);
    for (const who of [f.receptionist, f.dentist]) {
      expect(await callError(f.core, who, 'fees.schedules.setFee', { scheduleId: fonasa.id, code: 'RES-C2', feeMinor: 1 })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await callError(f.core, who, 'fees.schedules.importCsv', { scheduleId: fonasa.id, text: 'code;fee\nRES-C2;1' })).toMatchObject({ code: 'FORBIDDEN' });
      expect(await callError(f.core, who, 'fees.schedules.save', { name: 'Mía', kind: 'private' })).toMatchObject({ code: 'FORBIDDEN' });
    }
    const lines = await call(f.core, f.receptionist, 'fees.schedules.fees', { scheduleId: fonasa.id });
    expect(lines.lines.find((l) => l.code === 'RES-C2')!.feeMinor).toBe(30_000);
  });
});

describe('treatment plans', () => {
  it('builds a plan from the chart’s planned items, priced from the patient’s list, audited', async () => {
    const f = await chairsideFixture();
    await withFees(f);
    const crown = await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'recordFinding', ...CROWN_26, status: 'planned' } });
    await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'recordFinding', ...FILLING_36, status: 'planned' } });
    // Existing work is not a plan item.
    await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'recordFinding', code: 'RES-C1', area: { kind: 'surface', tooth: '3', surfaces: 'O' }, status: 'existing' } });
    const plan = await call(f.core, f.dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7() });
    expect(plan.title).toBe('Presupuesto 1');
    expect(plan.items.map((i) => [i.code, i.feeMinor, i.coverageMinor, i.patientMinor, i.status])).toEqual([
      ['COR-CER', 350_000, 0, 350_000, 'planned'],
      ['RES-C2', 45_000, 0, 45_000, 'planned'],
    ]);
    expect(plan.items[0]!.chartEntryId).toBe(crown.events[0]!.id);
    expect(plan.totals).toEqual({ feeMinor: 395_000, coverageMinor: 0, patientMinor: 395_000, count: 2 });
    expect(plan.state).toBe('proposed');
    // A second plan from the chart brings nothing the first holds.
    const second = await call(f.core, f.dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7() });
    expect(second.items).toEqual([]);
    // Reading is audited; the receptionist reads plans to book and record acceptance.
    const listed = await call(f.core, f.receptionist, 'plans.list', { patientId: f.camila.id });
    expect(listed.plans).toHaveLength(2);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'plans.view', entity: 'patient', entity_id: f.camila.id });
    // The receptionist cannot build plans.
    expect(await callError(f.core, f.receptionist, 'plans.create', { patientId: f.camila.id, planId: uuidv7() })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callError(f.core, f.receptionist, 'plans.addProcedure', { planId: plan.id, ...CROWN_26 })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('adds a catalog procedure by charting it as planned, and arranges phases', async () => {
    const f = await chairsideFixture();
    await withFees(f);
    const empty = await call(f.core, f.dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7(), fromChart: false, title: 'Rehabilitación' });
    const one = await call(f.core, f.dentist, 'plans.addProcedure', { planId: empty.id, ...CROWN_26 });
    const two = await call(f.core, f.dentist, 'plans.addProcedure', { planId: empty.id, ...FILLING_36, phase: 2 });
    expect(two.items.map((i) => [i.code, i.phase])).toEqual([
      ['COR-CER', 1],
      ['RES-C2', 2],
    ]);
    const chart = await call(f.core, f.dentist, 'chart.get', { patientId: f.camila.id });
    expect(chart.entries.filter((e) => e.item.type === 'finding' && e.item.status === 'planned').map((e) => e.id).sort()).toEqual(two.items.map((i) => i.chartEntryId).sort());
    expect(two.phases.map((p) => [p.phase, p.totals.feeMinor])).toEqual([
      [1, 350_000],
      [2, 45_000],
    ]);
    const arranged = await call(f.core, f.dentist, 'plans.arrange', { planId: empty.id, order: [{ itemId: two.items[1]!.id, phase: 1 }, { itemId: one.items[0]!.id, phase: 1 }] });
    expect(arranged.items.map((i) => [i.code, i.phase, i.position])).toEqual([
      ['RES-C2', 1, 0],
      ['COR-CER', 1, 1],
    ]);
    // A bad surface is the chart's own validation error, and nothing is added.
    const bad = await callError(f.core, f.dentist, 'plans.addProcedure', { planId: empty.id, code: 'RES-C2', area: { kind: 'surface', tooth: '19', surfaces: 'XZ' } });
    expect(bad).toMatchObject({ code: 'VALIDATION' });
    expect((await call(f.core, f.dentist, 'plans.list', { patientId: f.camila.id })).plans[0]!.items).toHaveLength(2);
  });

  it('records a signed whole acceptance with its snapshot, and freezes what was accepted', async () => {
    const f = await chairsideFixture();
    await withFees(f);
    const plan = await call(f.core, f.dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7(), fromChart: false });
    await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...CROWN_26 });
    await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...FILLING_36 });
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const accepted = await call(f.core, f.receptionist, 'plans.accept', { planId: plan.id, decision: 'whole', signature: { kind: 'drawn', signerName: 'Camila Fuentes', png } });
    expect(accepted.state).toBe('accepted');
    expect(accepted.items.every((i) => i.status === 'accepted' && i.acceptedAt && !i.editable)).toBe(true);
    const [acceptance] = accepted.acceptances;
    expect(acceptance).toMatchObject({ decision: 'whole', signatureKind: 'drawn', signerName: 'Camila Fuentes', signaturePng: png, recordedByName: 'Test receptionist' });
    expect(acceptance!.snapshot.items.map((i) => [i.code, i.where, i.feeMinor])).toEqual([
      ['COR-CER', '26', 350_000],
      ['RES-C2', '36 OD', 45_000],
    ]);
    expect(acceptance!.snapshot.totals.feeMinor).toBe(395_000);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'plans.accept', entity_id: f.camila.id });

    // Frozen: no reorder, no removal; the database itself refuses a fee change and an acceptance edit.
    expect(await callError(f.core, f.dentist, 'plans.arrange', { planId: plan.id, order: [{ itemId: accepted.items[1]!.id, phase: 1 }, { itemId: accepted.items[0]!.id, phase: 1 }] })).toMatchObject({ code: 'CONFLICT', messageKey: 'plans.errors.itemFrozen' });
    expect(await callError(f.core, f.dentist, 'plans.removeItem', { itemId: accepted.items[0]!.id })).toMatchObject({ code: 'CONFLICT' });
    const db = f.core.vault.store().db;
    await expect(sql`UPDATE treatment_plan_items SET fee_minor = 1 WHERE id = ${accepted.items[0]!.id}`.execute(db)).rejects.toThrow(/frozen/);
    await expect(sql`UPDATE treatment_plan_acceptances SET signer_name = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM treatment_plan_acceptances`.execute(db)).rejects.toThrow(/append-only/);
    // A later fee change does not move the quote; the ledger gets the quoted fee.
    const lists = await call(f.core, 'admin', 'fees.schedules.list', {});
    await call(f.core, 'admin', 'fees.schedules.setFee', { scheduleId: lists.find((l) => l.isDefault)!.id, code: 'RES-C2', feeMinor: 99_000 });
    expect(await feeForChartEntry(db, accepted.items[1]!.chartEntryId!)).toEqual({ feeMinor: 45_000, currency: 'CLP', planItemId: accepted.items[1]!.id });
    expect(await scheduleFee(db, f.camila.id, 'RES-C2')).toEqual({ feeMinor: 99_000, currency: 'CLP' });
    // Nothing left to accept.
    expect(await callError(f.core, f.receptionist, 'plans.accept', { planId: plan.id, decision: 'whole', signature: { kind: 'paper', signerName: 'Camila' } })).toMatchObject({ code: 'CONFLICT' });
  });

  it('accepts part of a plan, leaving the rest proposed; declines; refuses an unsigned acceptance', async () => {
    const f = await chairsideFixture();
    await withFees(f);
    const plan = await call(f.core, f.dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7(), fromChart: false });
    await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...CROWN_26 });
    const full = await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...FILLING_36 });
    const [crown, filling] = full.items;
    expect(await callError(f.core, f.receptionist, 'plans.accept', { planId: plan.id, decision: 'whole', signature: { kind: 'none' } })).toMatchObject({ code: 'VALIDATION', fields: { signature: 'validation.signatureRequired' } });
    const partial = await call(f.core, f.receptionist, 'plans.accept', { planId: plan.id, decision: 'partial', itemIds: [filling!.id], signature: { kind: 'paper', signerName: 'Camila Fuentes' } });
    expect(partial.state).toBe('partial');
    expect(partial.items.map((i) => [i.code, i.status])).toEqual([
      ['COR-CER', 'planned'],
      ['RES-C2', 'accepted'],
    ]);
    expect(partial.acceptances[0]).toMatchObject({ decision: 'partial', itemIds: [filling!.id], signatureKind: 'paper' });
    // The crown is still editable; then declined.
    expect(partial.items[0]!.editable).toBe(true);
    const declined = await call(f.core, f.receptionist, 'plans.accept', { planId: plan.id, decision: 'declined', signature: { kind: 'none' } });
    expect(declined.items.map((i) => i.status)).toEqual(['declined', 'accepted']);
    expect(declined.totals.feeMinor).toBe(45_000);
    expect(declined.acceptances.map((a) => a.decision)).toEqual(['partial', 'declined']);
    expect(crown!.id).toBe(declined.items[0]!.id);
  });

  it('books accepted items into an appointment, lists the unscheduled ones, and completes them on the chart', async () => {
    const f = await scheduleFixture();
    const dentist = await signIn(f.core, 'dentist', 'dra');
    const recep = await signIn(f.core, 'receptionist', 'recep');
    await call(f.core, 'admin', 'fees.schedules.list', {});
    const plan = await call(f.core, dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7(), fromChart: false });
    await call(f.core, dentist, 'plans.addProcedure', { planId: plan.id, ...CROWN_26 });
    const built = await call(f.core, dentist, 'plans.addProcedure', { planId: plan.id, ...FILLING_36 });
    await call(f.core, recep, 'plans.accept', { planId: plan.id, decision: 'whole', signature: { kind: 'typed', signerName: 'Camila Andrea Fuentes' } });
    const waiting = await call(f.core, recep, 'plans.unscheduled', {});
    expect(waiting.total).toBe(2);
    expect(waiting.lines.map((l) => [l.patientName, l.item.code])).toEqual([
      ['Camila Andrea Fuentes Soto', 'COR-CER'],
      ['Camila Andrea Fuentes Soto', 'RES-C2'],
    ]);
    // Planned items cannot be booked: only accepted ones.
    const { appointments } = await call(f.core, recep, 'schedule.book', bookInput(f));
    const appointment = appointments[0]!;
    const booked = await call(f.core, recep, 'plans.items.book', { itemIds: [built.items[1]!.id], appointmentId: appointment.id });
    expect(booked.items.map((i) => [i.code, i.status, i.appointmentStart])).toEqual([
      ['COR-CER', 'accepted', null],
      ['RES-C2', 'scheduled', appointment.startLocal],
    ]);
    expect((await call(f.core, recep, 'plans.unscheduled', {})).total).toBe(1);
    // Another patient's appointment is refused.
    const other = await call(f.core, recep, 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${f.monday}T11:00` }));
    expect(await callError(f.core, recep, 'plans.items.book', { itemIds: [built.items[0]!.id], appointmentId: other.appointments[0]!.id })).toMatchObject({ code: 'VALIDATION' });

    // The visit is finished: the items booked into it are offered, and completing them completes the chart.
    const offered = await call(f.core, recep, 'plans.forAppointment', { appointmentId: appointment.id });
    expect(offered.items.map((i) => i.code)).toEqual(['RES-C2']);
    expect(await callError(f.core, recep, 'plans.items.complete', { itemIds: [offered.items[0]!.id] })).toMatchObject({ code: 'FORBIDDEN' });
    const done = await call(f.core, dentist, 'plans.items.complete', { itemIds: offered.items.map((i) => i.id) });
    expect(done.completed).toBe(1);
    expect(done.plans[0]!.items.map((i) => [i.code, i.status])).toEqual([
      ['COR-CER', 'accepted'],
      ['RES-C2', 'completed'],
    ]);
    expect(done.plans[0]!.state).toBe('in_progress');
    const db = f.core.vault.store().db;
    const chart = chartAt(await loadLog(db, [f.camila.id]), null);
    const filling = chart.entries.find((e) => e.id === built.items[1]!.chartEntryId)!;
    expect(filling.item).toMatchObject({ type: 'finding', code: 'RES-C2', status: 'completed' });
    // Completing again is a no-op; the ledger's lookup still gives the quoted fee.
    expect((await call(f.core, dentist, 'plans.items.complete', { itemIds: [built.items[1]!.id] })).completed).toBe(0);
    expect(await feeForChartEntry(db, filling.id)).toMatchObject({ planItemId: built.items[1]!.id });
  });

  it('completes an item whose chart entry was completed from the chart already', async () => {
    const f = await chairsideFixture();
    await withFees(f);
    const plan = await call(f.core, f.dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7(), fromChart: false });
    const built = await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...CROWN_26 });
    await call(f.core, f.dentist, 'plans.accept', { planId: plan.id, decision: 'whole', signature: { kind: 'paper', signerName: 'Camila' } });
    await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'completeFinding', findingId: built.items[0]!.chartEntryId! } });
    const done = await call(f.core, f.dentist, 'plans.items.complete', { itemIds: [built.items[0]!.id] });
    expect(done.plans[0]!.state).toBe('completed');
  });

  it('prints the quote in the practice language or the one asked for, audited', async () => {
    const f = await chairsideFixture();
    await withFees(f);
    const plan = await call(f.core, f.dentist, 'plans.create', { patientId: f.camila.id, planId: uuidv7(), fromChart: false });
    await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...CROWN_26 });
    await call(f.core, f.dentist, 'plans.addProcedure', { planId: plan.id, ...FILLING_36 });
    const { printQuote } = await import('../../src/main/plans/quote-print');
    const store = f.core.vault.store();
    const es = await printQuote(store, { userId: null, deviceId: store.deviceId }, { planId: plan.id }, { compress: false });
    const text = pdfText(Buffer.from(es.pdfBase64, 'base64'));
    expect(es.fileName).toMatch(/^presupuesto-fuentes-camila-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(text).toContain('Presupuesto');
    expect(text).toContain('COR-CER');
    expect(text).toContain('Firma del paciente');
    expect(text).toMatch(/\$\s?395\.000/);
    const en = await call(f.core, f.receptionist, 'plans.print', { planId: plan.id, language: 'en' });
    expect(en.fileName).toMatch(/^quote-/);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'plans.print', entity_id: f.camila.id });
  });
});

