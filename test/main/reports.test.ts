import { v7 as uuidv7 } from 'uuid';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/shared/patients/age';
import { addDays } from '../../src/shared/schedule/time';
import { cashDifference } from '../../src/shared/reports/aggregate';
import { call, callError } from '../support/practice';
import { signIn } from './chairside-support';
import { allocate, billingFixture, pdfPagesText, post } from './ledger-fixture-support';

const today = () => todayIn('America/Santiago');

async function dayWithMoney() {
  const f = await billingFixture();
  const day = addDays(today(), -1);
  const crown = await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 200_000, serviceDate: day, providerId: f.providerA, procedureCode: 'XX1' });
  const clean = await post(f.core, { patientId: f.child, guarantorId: f.guarantor, kind: 'charge', amountMinor: 30_000, serviceDate: day, providerId: f.providerB });
  const cash = await post(f.core, { patientId: f.guarantor, kind: 'payment', amountMinor: -50_000, serviceDate: day, method: 'cash' });
  await allocate(f.core, cash, crown, f.guarantor, 40_000, f.providerA);
  await allocate(f.core, cash, clean, f.guarantor, 10_000, f.providerB);
  const debit = await post(f.core, { patientId: f.guarantor, kind: 'payment', amountMinor: -70_000, serviceDate: day, method: 'debit', providerId: f.providerA });
  const mistake = await post(f.core, { patientId: f.guarantor, kind: 'payment', amountMinor: -5_000, serviceDate: day, method: 'cash' });
  await post(f.core, { patientId: f.guarantor, kind: 'reversal', amountMinor: 5_000, serviceDate: day, reversesId: mistake });
  await post(f.core, { patientId: f.guarantor, kind: 'adjustment', amountMinor: -8_000, serviceDate: day, adjustmentType: 'discount', reason: 'Convenio' });
  // Another day's charge stays out.
  await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 999_000, serviceDate: addDays(day, -3), providerId: f.providerA });
  return { ...f, day, debit };
}

describe('reports', () => {
  it('sums the day sheet by provider and by method, with the cash to count', async () => {
    const f = await dayWithMoney();
    const sheet = await call(f.core, f.manager, 'reports.daySheet', { date: f.day });
    expect(sheet.totals).toEqual({ production: 230_000, collections: 120_000, adjustments: 8_000 });
    const byName = Object.fromEntries(sheet.byProvider.map((p) => [p.name, p]));
    expect(byName['Rosa Vidal']).toMatchObject({ production: 200_000, collections: 40_000 + 70_000 });
    expect(byName['Tomás Rojas']).toMatchObject({ production: 30_000, collections: 10_000 });
    expect(byName['']).toMatchObject({ collections: 0, adjustments: 8_000 });
    expect(sheet.byMethod).toEqual([
      { method: 'cash', amountMinor: 50_000 },
      { method: 'debit', amountMinor: 70_000 },
    ]);
    expect(sheet.expectedCashMinor).toBe(50_000);
    expect(cashDifference(sheet.expectedCashMinor, { denominations: [{ valueMinor: 20_000, count: 2 }, { valueMinor: 5_000, count: 1 }] })).toEqual({ countedMinor: 45_000, differenceMinor: -5_000 });
    const audit = await f.core.vault.store().db.selectFrom('audit_log').select('action').where('action', '=', 'reports.daySheet').execute();
    expect(audit).toHaveLength(1);
  });

  it('reports production and collections over a range by provider, category and day', async () => {
    const f = await dayWithMoney();
    await f.core.vault.store().write({ userId: null, deviceId: 'x' }, (tx) =>
      tx.insert('procedures', {
        id: 'procedure:XX1', code: 'XX1', name_es: 'Corona', name_en: 'Crown', kind: 'procedure', category: 'prosthodontic', area: 'tooth', surfaces_required: 0,
        surface_count: null, teeth: null, results_in: null, fee_minor: 200_000, active: 1, sort_order: 0, created_at: new Date().toISOString(), updated_at: new Date().toISOString(),
      } as never),
    );
    const report = await call(f.core, f.manager, 'reports.production', { from: addDays(f.day, -10), to: f.day });
    expect(report.totals.production).toBe(1_229_000);
    expect(report.byDay.map((d) => d.date)).toEqual([addDays(f.day, -3), f.day]);
    const prostho = report.byCategory.find((c) => c.category === 'prosthodontic')!;
    expect(prostho).toMatchObject({ production: 200_000, collections: 40_000 });
    expect((await callError(f.core, f.manager, 'reports.production', { from: f.day, to: addDays(f.day, -1) })).code).toBe('VALIDATION');
  });

  it('exports the day sheet as CSV and PDF, in either language', async () => {
    const f = await dayWithMoney();
    const csv = await call(f.core, f.manager, 'reports.export', { report: { kind: 'daySheet', date: f.day, countedCashMinor: 45_000 }, format: 'csv', language: 'es' });
    expect(csv.mime).toBe('text/csv');
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { delimiter: ';' }).data;
    expect(rows).toContainEqual(['Rosa Vidal', '200000', '110000', '0']);
    expect(rows).toContainEqual(['Efectivo', '50000']);
    expect(rows).toContainEqual(['Diferencia', '-5000']);
    const pdf = await call(f.core, f.manager, 'reports.export', { report: { kind: 'daySheet', date: f.day, countedCashMinor: null }, format: 'pdf', language: 'en' });
    const pdfText = pdfPagesText(Buffer.from(pdf.base64, 'base64'));
    expect(pdfText).toContain('Day sheet');
    expect(pdfText).toContain('Rosa Vidal');
    expect(pdfText).toContain('$230.000');
  });

  it('needs reports.read: billing has it, the front desk and clinical roles do not', async () => {
    const f = await billingFixture();
    const recep = await signIn(f.core, 'receptionist', 'recep');
    const hyg = await signIn(f.core, 'hygienist', 'hig');
    expect((await call(f.core, f.manager, 'reports.aging', {})).rows).toEqual([]);
    for (const who of [recep, hyg, f.dentist]) expect((await callError(f.core, who, 'reports.aging', {})).code).toBe('FORBIDDEN');
    // The front desk still reads the statements archive (billing.read); a hygienist does not.
    expect(await call(f.core, recep, 'statements.list', {})).toEqual([]);
    expect((await callError(f.core, hyg, 'statements.list', {})).code).toBe('FORBIDDEN');
  });

  it('reports the treatment still to do, per plan: accepted work first, completed and declined items left out', async () => {
    const f = await billingFixture();
    expect(await call(f.core, f.manager, 'reports.treatmentPlans', {})).toEqual({ currency: 'CLP', totalMinor: 0, rows: [] });
    const made = await call(f.core, f.dentist, 'plans.create', { patientId: f.guarantor, planId: uuidv7(), fromChart: false });
    await call(f.core, f.dentist, 'plans.addProcedure', { planId: made.id, code: 'COR-CER', area: { kind: 'tooth', tooth: '14' } });
    const plan = await call(f.core, f.dentist, 'plans.addProcedure', { planId: made.id, code: 'RES-C2', area: { kind: 'surface', tooth: '19', surfaces: 'OD' } });
    const [crown, filling] = plan.items;
    await call(f.core, 'admin', 'plans.accept', { planId: plan.id, decision: 'partial', itemIds: [crown!.id], signature: { kind: 'paper', signerName: 'Camila Fuentes' } });
    const declinedOnly = await call(f.core, f.dentist, 'plans.create', { patientId: f.child, planId: uuidv7(), fromChart: false });
    const other = await call(f.core, f.dentist, 'plans.addProcedure', { planId: declinedOnly.id, code: 'RES-C2', area: { kind: 'surface', tooth: '30', surfaces: 'O' } });
    await call(f.core, 'admin', 'plans.items.setStatus', { itemIds: [other.items[0]!.id], status: 'declined' });

    const report = await call(f.core, f.manager, 'reports.treatmentPlans', {});
    const total = crown!.feeMinor + filling!.feeMinor;
    expect(report).toMatchObject({ totalMinor: total, rows: [{ planId: plan.id, name: 'Camila Andrea Fuentes', status: 'accepted', items: 2, amountMinor: total }] });
    expect(report.rows).toHaveLength(1);
    const csv = await call(f.core, f.manager, 'reports.export', { report: { kind: 'treatmentPlans' }, format: 'csv', language: 'es' });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain('Camila Andrea Fuentes');
  });
});
