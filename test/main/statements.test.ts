import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { todayIn } from '../../src/shared/patients/age';
import { addDays } from '../../src/shared/schedule/time';
import type { BatchProgress } from '../../src/shared/contract/statements';
import { call, callError } from '../support/practice';

import { billingFixture, patient, paymentPlan, pdfPagesText as pdfText, post } from './ledger-fixture-support';

const today = () => todayIn('America/Santiago');

async function waitForBatch(core: Awaited<ReturnType<typeof billingFixture>>['core'], connection: string, batchId: string): Promise<BatchProgress> {
  for (;;) {
    const status = await call(core, connection, 'statements.batch.status', { batchId });
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('statements', () => {
  it('ages the account at the bucket edges, in the practice’s zone', async () => {
    const f = await billingFixture();
    for (const days of [30, 31, 60, 61, 90, 91]) await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 1000 * days, serviceDate: addDays(today(), -days) });
    const aging = await call(f.core, f.manager, 'reports.aging', {});
    const row = aging.rows.find((r) => r.guarantorId === f.guarantor)!;
    expect(row).toMatchObject({ current: 30_000, days31to60: 31_000 + 60_000, days61to90: 61_000 + 90_000, over90: 91_000, balance: 363_000 });
    expect(aging.totals.balance).toBe(363_000);
  });

  it('makes a statement with the holder, the family’s postings, the balance, the aging and the instalments due', async () => {
    const f = await billingFixture();
    const crown = await post(f.core, { patientId: f.child, guarantorId: f.guarantor, kind: 'charge', amountMinor: 250_000, serviceDate: addDays(today(), -45), providerId: f.providerA, procedureCode: 'X-CROWN' });
    await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 40_000, serviceDate: addDays(today(), -3) });
    await post(f.core, { patientId: f.child, guarantorId: f.guarantor, kind: 'payment', amountMinor: -100_000, serviceDate: addDays(today(), -2), method: 'cash' });
    const wrong = await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 9_999, serviceDate: addDays(today(), -2) });
    await post(f.core, { patientId: f.guarantor, kind: 'reversal', amountMinor: -9_999, serviceDate: today(), reversesId: wrong });
    await paymentPlan(f.core, f.guarantor, [
      { dueDate: addDays(today(), -10), amountMinor: 50_000 },
      { dueDate: addDays(today(), 20), amountMinor: 50_000 },
    ]);
    expect(crown).toBeTruthy();

    const { statement, file } = await call(f.core, f.manager, 'statements.issue', { guarantorId: f.guarantor });
    expect(statement).toMatchObject({ guarantorId: f.guarantor, balanceMinor: 190_000, language: 'es', periodFrom: null, batchId: null });
    const pdf = Buffer.from(file.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Estado de cuenta');
    expect(text).toContain('Camila Andrea Fuentes');
    expect(text).toContain('Martín Fuentes');
    expect(text).toContain('Av. Los Aromos 123');
    expect(text).toContain('Saldo anterior');
    expect(text).toContain('$250.000');
    expect(text).toContain('$-100.000');
    expect(text).toContain('Anulación');
    expect(text).toContain('Saldo: $190.000');
    // Aging: the payment pays the crown (oldest) first: 150.000 in 31–60, 40.000 in 0–30.
    expect(text).toContain('31 a 60 días');
    expect(text).toContain('$150.000');
    expect(text).toContain('$40.000');
    expect(text).toMatch(/Cuota 1 .*VENCIDA/);
    expect(text).toContain('Cuota 2');
  });

  it('writes the statement in the holder’s language, and carries the balance to the next one', async () => {
    const f = await billingFixture();
    await f.core.vault.store().write({ userId: null, deviceId: 'x' }, (tx) => tx.update('patients', f.guarantor, { language: 'en' }));
    await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 80_000, serviceDate: addDays(today(), -5) });
    const first = await call(f.core, f.manager, 'statements.issue', { guarantorId: f.guarantor });
    expect(first.statement.language).toBe('en');
    expect(pdfText(Buffer.from(first.file.base64, 'base64'))).toContain('Account statement');
    await post(f.core, { patientId: f.guarantor, kind: 'payment', amountMinor: -30_000, serviceDate: today(), method: 'debit' });
    const second = await call(f.core, f.manager, 'statements.issue', { guarantorId: f.guarantor });
    expect(second.statement.periodFrom).toBe(first.statement.issuedAt);
    const text = pdfText(Buffer.from(second.file.base64, 'base64'));
    expect(text).toMatch(/Previous balance[\s\S]*\$80\.000/);
    expect(text).toContain('$-30.000');
    expect(text).not.toContain('Procedure');
    expect(second.statement.balanceMinor).toBe(50_000);
  });

  it('reopens an archived statement byte for byte, audited, and the archive refuses changes', async () => {
    const f = await billingFixture();
    await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 12_500, serviceDate: today() });
    const issued = await call(f.core, f.manager, 'statements.issue', { guarantorId: f.guarantor });
    // Later postings do not change what was sent.
    await post(f.core, { patientId: f.guarantor, kind: 'charge', amountMinor: 99_000, serviceDate: today() });
    const opened = await call(f.core, f.manager, 'statements.open', { statementId: issued.statement.id });
    expect(opened.file.base64).toBe(issued.file.base64);
    const bytes = Buffer.from(opened.file.base64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(issued.statement.sha256);
    expect(opened.statement.bytes).toBe(bytes.length);
    const list = await call(f.core, f.manager, 'statements.list', { guarantorId: f.guarantor });
    expect(list.map((s) => s.id)).toEqual([issued.statement.id]);
    const db = f.core.vault.store().db;
    const audit = await db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['statements.issue', 'statements.open']).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'statements.issue', entity_id: f.guarantor }, { action: 'statements.open', entity_id: f.guarantor }]));
    await expect(sql`UPDATE statements SET balance_minor = 0`.execute(db)).rejects.toThrow(/archived as sent/);
    await expect(sql`DELETE FROM statements`.execute(db)).rejects.toThrow(/archived as sent/);
  });

  it('selects the batch: over an amount, overdue by age, overdue instalments', async () => {
    const f = await billingFixture();
    const big = await patient(f.core, 'Ana', 'Grande');
    const old = await patient(f.core, 'Beto', 'Antiguo');
    const plan = await patient(f.core, 'Carla', 'Cuotas');
    const paid = await patient(f.core, 'Dino', 'Pagado');
    await post(f.core, { patientId: big, kind: 'charge', amountMinor: 300_000, serviceDate: addDays(today(), -2) });
    await post(f.core, { patientId: old, kind: 'charge', amountMinor: 5_000, serviceDate: addDays(today(), -100) });
    await post(f.core, { patientId: plan, kind: 'charge', amountMinor: 5_000, serviceDate: addDays(today(), -1) });
    await paymentPlan(f.core, plan, [{ dueDate: addDays(today(), -1), amountMinor: 5_000 }]);
    await post(f.core, { patientId: paid, kind: 'charge', amountMinor: 900_000, serviceDate: addDays(today(), -200) });
    await post(f.core, { patientId: paid, kind: 'payment', amountMinor: -900_000, serviceDate: addDays(today(), -1), method: 'transfer' });

    const count = async (criteria: Record<string, unknown>) => (await call(f.core, f.manager, 'statements.batch.preview', { criteria })).count;
    expect(await count({ minBalanceMinor: 100_000 })).toBe(1);
    expect(await count({ overdueDays: 90 })).toBe(1);
    expect(await count({ overdueDays: 100 })).toBe(0);
    expect(await count({ overdueInstalments: true })).toBe(1);
    expect(await count({ minBalanceMinor: 100_000, overdueDays: 60, overdueInstalments: true })).toBe(3);
    const refused = await callError(f.core, f.manager, 'statements.batch.preview', { criteria: {} });
    expect(refused.code).toBe('VALIDATION');

    const started = await call(f.core, f.manager, 'statements.batch.start', { criteria: { minBalanceMinor: 100_000, overdueDays: 60 } });
    const done = await waitForBatch(f.core, f.manager, started.batchId);
    expect(done).toMatchObject({ state: 'done', total: 2, done: 2 });
    const inBatch = await call(f.core, f.manager, 'statements.list', { batchId: started.batchId });
    expect(inBatch.map((s) => s.guarantorName).sort()).toEqual(['Ana Grande', 'Beto Antiguo']);

    // The batch as a ZIP holds the archived bytes; as one PDF, every statement.
    const zip = await call(f.core, f.manager, 'statements.batch.export', { batchId: started.batchId, format: 'zip' });
    const files = unzipSync(new Uint8Array(Buffer.from(zip.base64, 'base64')));
    const archived = await Promise.all(inBatch.map((s) => call(f.core, f.manager, 'statements.open', { statementId: s.id })));
    expect(Object.values(files).map((b) => Buffer.from(b).toString('base64')).sort()).toEqual(archived.map((a) => a.file.base64).sort());
    const one = await call(f.core, f.manager, 'statements.batch.export', { batchId: started.batchId, format: 'pdf' });
    const text = pdfText(Buffer.from(one.base64, 'base64'));
    expect(text).toContain('Ana Grande');
    expect(text).toContain('Beto Antiguo');
    const batches = await call(f.core, f.manager, 'statements.batch.list', {});
    expect(batches[0]).toMatchObject({ batchId: started.batchId, count: 2, balanceMinor: 305_000 });
  });

  it('cancels a batch midway, keeping what was made, and pushes its progress', async () => {
    const f = await billingFixture();
    for (let i = 0; i < 40; i++) {
      const id = await patient(f.core, `Paciente ${i}`, `Lote`);
      await post(f.core, { patientId: id, kind: 'charge', amountMinor: 10_000 + i, serviceDate: addDays(today(), -i) });
    }
    const pushes: BatchProgress[] = [];
    let cancelling: Promise<BatchProgress> | null = null;
    f.core.onEvent(f.manager, (name, payload) => {
      if (name !== 'statements.batch') return;
      const progress = payload as BatchProgress;
      pushes.push(progress);
      if (!cancelling && progress.state === 'running' && progress.done > 0) cancelling = call(f.core, f.manager, 'statements.batch.cancel', { batchId: progress.batchId });
    });
    const started = await call(f.core, f.manager, 'statements.batch.start', { criteria: { minBalanceMinor: 0 } });
    expect(started).toMatchObject({ state: 'running', total: 40, done: 0 });
    const end = await waitForBatch(f.core, f.manager, started.batchId);
    const cancelled = await cancelling!;
    expect(cancelled.state).toBe('cancelled');
    expect(end.state).toBe('cancelled');
    expect(end.done).toBeGreaterThan(0);
    expect(end.done).toBeLessThan(40);
    const archived = await f.core.vault.store().db.selectFrom('statements').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', started.batchId).executeTakeFirstOrThrow();
    expect(Number(archived.n)).toBe(end.done);
    expect(pushes[0]!.done).toBeGreaterThan(0);
    expect(pushes.at(-1)).toMatchObject({ state: 'cancelled', done: end.done });
  });

  it('is the manager’s: a dentist may neither issue statements nor see reports', async () => {
    const f = await billingFixture();
    expect((await callError(f.core, f.dentist, 'statements.issue', { guarantorId: f.guarantor })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, f.dentist, 'reports.daySheet', { date: today() })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, f.dentist, 'statements.batch.start', { criteria: { minBalanceMinor: 0 } })).code).toBe('FORBIDDEN');
  });
});
