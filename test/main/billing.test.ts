import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/contract/errors';
import { translate } from '../../src/shared/i18n/translate';
import { call, callError, startCore, tempDir, PASSPHRASE, ADMIN } from '../support/practice';
import { pdfText } from './chairside-support';
import { signIn } from './chairside-support';
import { addPatient, billingFixture, completeOnChart, newId, setFee } from './billing-support';

async function audits(core: Awaited<ReturnType<typeof billingFixture>>['core'], action: string) {
  return core.vault.store().db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describe('charges from the chart', () => {
  it('completing a procedure posts its charge, voiding or undoing the completion reverses it, redo charges again', async () => {
    const f = await billingFixture();
    const { findingId, events } = await completeOnChart(f.core, f.dentist, f.camila.id, 'RES-C3', '19');
    let account = await call(f.core, f.receptionist, 'billing.account.get', { patientId: f.camila.id });
    expect(account.postings).toHaveLength(1);
    expect(account.postings[0]).toMatchObject({ kind: 'charge', amountMinor: 45_000, procedureCode: 'RES-C3', tooth: '19', surfaces: 'MOD', chartEntryId: findingId, openMinor: 45_000 });
    expect(account.postings[0]!.serviceDate).toBe(account.today);
    expect(account.balanceMinor).toBe(45_000);
    expect(account.currency).toBe('CLP');
    expect((await audits(f.core, 'billing.charge.post')).length).toBe(1);

    // Undo takes the completion back: the charge is reversed, not deleted.
    await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'undo' } });
    account = await call(f.core, f.receptionist, 'billing.account.get', { patientId: f.camila.id });
    expect(account.postings.map((p) => [p.kind, p.amountMinor])).toEqual([
      ['charge', 45_000],
      ['reversal', -45_000],
    ]);
    expect(account.postings[0]!.reversedById).toBe(account.postings[1]!.id);
    expect(account.balanceMinor).toBe(0);

    // Redo completes it again: a new charge.
    await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'redo' } });
    account = await call(f.core, f.receptionist, 'billing.account.get', { patientId: f.camila.id });
    expect(account.balanceMinor).toBe(45_000);

    // Voiding the completing event as an error reverses that charge.
    const redoneCharge = account.postings.find((p) => p.kind === 'charge' && !p.reversedById)!;
    const log = await call(f.core, f.dentist, 'chart.get', { patientId: f.camila.id });
    const completion = log.events.filter((e) => e.kind === 'supersede' && e.action === 'completeFinding').pop()!;
    void events;
    await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'voidEvent', eventId: completion.id, reason: 'Wrong patient' } });
    account = await call(f.core, f.receptionist, 'billing.account.get', { patientId: f.camila.id });
    expect(account.balanceMinor).toBe(0);
    expect(account.postings.find((p) => p.id === redoneCharge.id)!.reversedById).not.toBeNull();

    // A procedure without a fee posts nothing; ledger rows refuse edits at the database.
    const db = f.core.vault.store().db;
    await expect(db.updateTable('ledger_postings').set({ amount_minor: 1 }).where('id', '=', redoneCharge.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_postings').where('id', '=', redoneCharge.id).execute()).rejects.toThrow(/append-only/);
  });
});

describe('payments', () => {
  it('splits oldest first, or by hand; the excess is left as a credit; the receipt shows it', async () => {
    const f = await billingFixture();
    await completeOnChart(f.core, f.dentist, f.camila.id, 'RES-C3', '19');
    await completeOnChart(f.core, f.dentist, f.camila.id, 'COR-CER', '14');
    let account = await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id });
    const [filling, crown] = account.postings;
    expect(account.balanceMinor).toBe(425_000);

    const first = await call(f.core, f.receptionist, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 60_000, method: 'cash', taxDocumentKind: 'boleta', taxDocumentNumber: '12345' });
    expect(first.splits.map((s) => [s.chargeId, s.amountMinor])).toEqual([
      [filling!.id, 45_000],
      [crown!.id, 15_000],
    ]);
    expect(first.accountBalanceMinor).toBe(365_000);

    // By hand: all of it onto the crown.
    const second = await call(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 100_000, method: 'debit', splits: [{ chargeId: crown!.id, amountMinor: 100_000 }] });
    expect(second.splits).toEqual([{ chargeId: crown!.id, providerId: null, amountMinor: 100_000 }]);
    // Too much for one charge by hand is refused, naming the field.
    const over = await callError(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 300_000, method: 'cash', splits: [{ chargeId: crown!.id, amountMinor: 300_000 }] });
    expect(over).toMatchObject({ code: 'VALIDATION', fields: { splits: 'billing.validation.split_over_open' } });
    expect(translate('en', over.fields!.splits!)).toMatch(/more than what is left/);

    // More than is owed: the rest is a credit (prepayment).
    const third = await call(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 300_000, method: 'transfer' });
    expect(third.accountBalanceMinor).toBe(-35_000);
    expect(third.creditMinor).toBe(35_000);
    expect(third.splits.reduce((n, s) => n + s.amountMinor, 0)).toBe(265_000);

    // A retried call (same client id) has no second effect.
    const clientId = newId();
    await call(f.core, f.billing, 'billing.payment.post', { clientId, patientId: f.camila.id, amountMinor: 1_000, method: 'cash' });
    const again = await call(f.core, f.billing, 'billing.payment.post', { clientId, patientId: f.camila.id, amountMinor: 1_000, method: 'cash' });
    expect(again.accountBalanceMinor).toBe(-36_000);

    account = await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id });
    expect(account.postings.every((p) => p.kind !== 'charge' || p.openMinor === 0)).toBe(true);
    expect(account.postings.at(-1)!.runningMinor).toBe(-36_000);

    for (const language of ['es', 'en'] as const) {
      const receipt = await call(f.core, f.receptionist, 'billing.receipt.print', { postingId: first.postingId, language });
      const text = pdfText(Buffer.from(receipt.pdfBase64, 'base64'));
      expect(receipt.pages).toBe(1);
      if (language === 'es') {
        expect(receipt.fileName).toMatch(/^recibo-fuentes-camila-/);
        expect(text).toContain('Recibo de pago');
        expect(text).toContain('$60.000');
        expect(text).toContain('Efectivo');
        expect(text).toContain('Boleta N° 12345');
        expect(text).toContain('RES-C3');
      } else {
        expect(text).toContain('Payment receipt');
        expect(text).toContain('Cash');
      }
    }
    expect((await audits(f.core, 'billing.receipt.print')).length).toBe(2);
    expect((await audits(f.core, 'billing.payment.post')).length).toBe(4);
  });
});

describe('reversals', () => {
  it('a reversal nets to zero, with its splits; a posting is reversed once; reversing a charge releases its payments as credit', async () => {
    const f = await billingFixture();
    await completeOnChart(f.core, f.dentist, f.camila.id, 'RES-C3', '19');
    const pay = await call(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 20_000, method: 'cash' });
    const rev = await call(f.core, f.billing, 'billing.posting.reverse', { clientId: newId(), postingId: pay.postingId, reason: 'Se registró dos veces' });
    expect(rev.accountBalanceMinor).toBe(45_000);
    const db = f.core.vault.store().db;
    const splits = await db.selectFrom('ledger_allocations').select(['posting_id', 'charge_id', 'amount_minor']).execute();
    expect(splits.reduce((n, s) => n + s.amount_minor, 0)).toBe(0);
    expect(splits.find((s) => s.posting_id === rev.postingId)!.amount_minor).toBe(-20_000);
    let account = await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id });
    const charge = account.postings.find((p) => p.kind === 'charge')!;
    expect(charge.openMinor).toBe(45_000);
    expect(account.postings.find((p) => p.id === rev.postingId)).toMatchObject({ kind: 'reversal', reversesId: pay.postingId, reason: 'Se registró dos veces', amountMinor: 20_000 });

    const twice = await callError(f.core, f.billing, 'billing.posting.reverse', { clientId: newId(), postingId: pay.postingId, reason: 'otra vez' });
    expect(twice).toMatchObject({ code: 'CONFLICT', messageKey: 'billing.errors.alreadyReversed' });
    const ofReversal = await callError(f.core, f.billing, 'billing.posting.reverse', { clientId: newId(), postingId: rev.postingId, reason: 'x' });
    expect(ofReversal.messageKey).toBe('billing.errors.reversalOfReversal');
    const noReason = await callError(f.core, f.billing, 'billing.posting.reverse', { clientId: newId(), postingId: charge.id, reason: ' ' });
    expect(noReason).toMatchObject({ code: 'VALIDATION', fields: { reason: 'validation.required' } });

    // Paid, then the charge reversed: the payment becomes the account's credit, and can be refunded.
    await call(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 45_000, method: 'cash' });
    await call(f.core, f.billing, 'billing.posting.reverse', { clientId: newId(), postingId: charge.id, reason: 'Fee entered twice' });
    account = await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id });
    expect(account.balanceMinor).toBe(-45_000);
    const tooMuch = await callError(f.core, f.billing, 'billing.refund.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 50_000, method: 'cash', reason: 'Devolución' });
    expect(tooMuch.fields).toEqual({ amountMinor: 'billing.validation.refundOverCredit' });
    const refund = await call(f.core, f.billing, 'billing.refund.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 45_000, method: 'cash', reason: 'Devolución' });
    expect(refund.accountBalanceMinor).toBe(0);
  });
});

describe('the lock date', () => {
  it('refuses reversing or back-dating before it unless admin, and audits every attempt', async () => {
    const f = await billingFixture();
    await completeOnChart(f.core, f.dentist, f.camila.id, 'RES-C3', '19');
    const old = await call(f.core, 'admin', 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 10_000, method: 'cash', serviceDate: '2026-01-15' });
    // Only the admin sets the lock date.
    expect((await callError(f.core, f.billing, 'billing.settings.update', { lockDate: '2026-06-01' })).code).toBe('FORBIDDEN');
    await call(f.core, 'admin', 'billing.settings.update', { lockDate: '2026-06-01' });

    const refused = await callError(f.core, f.billing, 'billing.posting.reverse', { clientId: newId(), postingId: old.postingId, reason: 'error' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', messageKey: 'billing.errors.lockedReverse', params: { lockDate: '01-06-2026', serviceDate: '15-01-2026' } });
    expect(translate('es', refused.messageKey, refused.params)).toBe('El movimiento es del 15-01-2026, anterior a la fecha de cierre (01-06-2026). Solo un administrador puede revertirlo.');
    const backdate = await callError(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 5_000, method: 'cash', serviceDate: '2026-05-31' });
    expect(backdate.messageKey).toBe('billing.errors.lockedBackdate');
    // Nothing was written by the refused calls, but each attempt is in the audit log.
    const postings = await f.core.vault.store().db.selectFrom('ledger_postings').select('id').execute();
    expect(postings).toHaveLength(2);
    const refusals = await audits(f.core, 'billing.lock.refused');
    expect(refusals.map((r) => JSON.parse(r.details!) as Record<string, unknown>)).toEqual([
      { what: 'reverse', serviceDate: '2026-01-15', lockDate: '2026-06-01', outcome: 'refused' },
      { what: 'backdate', serviceDate: '2026-05-31', lockDate: '2026-06-01', outcome: 'refused' },
    ]);
    // On the lock date itself it is open.
    await call(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 5_000, method: 'cash', serviceDate: '2026-06-01' });

    // The admin may, and that is audited too.
    await call(f.core, 'admin', 'billing.posting.reverse', { clientId: newId(), postingId: old.postingId, reason: 'Corrección autorizada' });
    // Undoing a completion whose charge is before the lock date is refused for the dentist, chart and all, and audited.
    await completeOnChart(f.core, f.dentist, f.camila.id, 'COR-CER', '14');
    const tomorrow = new Date(Date.parse(`${(await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id })).today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await call(f.core, 'admin', 'billing.settings.update', { lockDate: tomorrow });
    const undo = await callError(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'undo' } });
    expect(undo.messageKey).toBe('billing.errors.lockedReverse');
    expect((await audits(f.core, 'billing.lock.refused')).length).toBe(3);
    expect((await call(f.core, f.dentist, 'chart.get', { patientId: f.camila.id })).entries.some((e) => e.item.type === 'finding' && e.item.code === 'COR-CER' && e.item.status === 'completed')).toBe(true);
    const overrides = await audits(f.core, 'billing.lock.override');
    // (The first old payment was posted before there was a lock date, so only the reversal overrode it.)
    expect(overrides).toHaveLength(1);
    expect(JSON.parse(overrides[0]!.details!)).toMatchObject({ what: 'reverse', outcome: 'allowed' });
  });
});

describe('family accounts', () => {
  it("roll up to the guarantor: the guarantor sees every member's postings and the total; a member sees their own", async () => {
    const f = await billingFixture();
    const child = await addPatient(f.core, 'Tomás', 'Fuentes', f.camila.id);
    await completeOnChart(f.core, f.dentist, f.camila.id, 'RES-C3', '19');
    await completeOnChart(f.core, f.dentist, child.id, 'RES-C3', '30');
    const mine = await call(f.core, f.billing, 'billing.account.get', { patientId: child.id });
    expect(mine).toMatchObject({ isGuarantor: false, guarantorId: f.camila.id, balanceMinor: 45_000, accountBalanceMinor: 90_000 });
    expect(mine.postings.map((p) => p.patientId)).toEqual([child.id]);
    const family = await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id });
    expect(family).toMatchObject({ isGuarantor: true, balanceMinor: 90_000, accountBalanceMinor: 90_000 });
    expect(new Set(family.postings.map((p) => p.patientId))).toEqual(new Set([f.camila.id, child.id]));
    expect(family.members.map((m) => [m.id, m.balanceMinor])).toEqual([
      [f.camila.id, 45_000],
      [child.id, 45_000],
    ]);
    // A payment at the child's visit pays the family's oldest charge first.
    const pay = await call(f.core, f.receptionist, 'billing.payment.post', { clientId: newId(), patientId: child.id, amountMinor: 50_000, method: 'cash' });
    expect(pay.accountBalanceMinor).toBe(40_000);
    const balances = await call(f.core, f.receptionist, 'billing.balances', { patientIds: [f.camila.id, child.id] });
    expect(balances).toEqual({ currency: 'CLP', balances: { [f.camila.id]: 45_000, [child.id]: -5_000 } });
  });
});

describe('permissions', () => {
  it('a receptionist takes payments (unless the practice turns it off) and is refused a write-off; clinical roles without billing.read see no account', async () => {
    const f = await billingFixture();
    await completeOnChart(f.core, f.dentist, f.camila.id, 'COR-CER', '14');
    await call(f.core, f.receptionist, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 30_000, method: 'cash' });
    const writeOff = await callError(f.core, f.receptionist, 'billing.adjustment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 10_000, adjustmentType: 'write_off', reason: 'Incobrable' });
    expect(writeOff).toMatchObject({ code: 'FORBIDDEN', messageKey: 'billing.errors.roleRefused' });
    expect(translate('es', writeOff.messageKey)).toMatch(/Su rol no puede/);
    expect((await callError(f.core, f.receptionist, 'billing.posting.reverse', { clientId: newId(), postingId: newId(), reason: 'x' })).messageKey).toBe('billing.errors.roleRefused');

    // The billing role posts the write-off, with its reason; without a reason it is refused.
    const noReason = await callError(f.core, f.billing, 'billing.adjustment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 10_000, adjustmentType: 'write_off', reason: '' });
    expect(noReason.fields).toEqual({ reason: 'validation.required' });
    const wo = await call(f.core, f.billing, 'billing.adjustment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 10_000, adjustmentType: 'write_off', reason: 'Incobrable' });
    expect(wo.accountBalanceMinor).toBe(340_000);
    expect((await callError(f.core, f.billing, 'billing.adjustment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 400_000, adjustmentType: 'discount', reason: 'x' })).fields).toEqual({ amountMinor: 'billing.validation.adjustmentOverOpen' });

    await call(f.core, 'admin', 'billing.settings.update', { receptionistPayments: false });
    expect((await callError(f.core, f.receptionist, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 1_000, method: 'cash' })).messageKey).toBe('billing.errors.receptionistPaymentsOff');

    // Dentists see the account (billing.read) but post nothing; hygienists see neither.
    expect((await call(f.core, f.dentist, 'billing.account.get', { patientId: f.camila.id })).balanceMinor).toBe(340_000);
    expect((await callError(f.core, f.dentist, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 1_000, method: 'cash' })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, f.hygienist, 'billing.account.get', { patientId: f.camila.id })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, f.hygienist, 'billing.balances', { patientIds: [f.camila.id] })).code).toBe('FORBIDDEN');
    // Every read is audited.
    expect((await audits(f.core, 'billing.account.view')).length).toBeGreaterThanOrEqual(1);
  });
});

describe('payment plans', () => {
  it('instalments split with the remainder last; payments towards the plan cover them oldest first; past ones unpaid are overdue', async () => {
    const f = await billingFixture();
    await completeOnChart(f.core, f.dentist, f.camila.id, 'COR-CER', '14');
    const today = (await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id })).today;
    const [y, m] = today.split('-').map(Number) as [number, number];
    const threeMonthsAgo = `${m > 3 ? y : y - 1}-${String(((m - 4 + 12) % 12) + 1).padStart(2, '0')}-05`;
    const plan = await call(f.core, f.billing, 'billing.plan.create', { clientId: newId(), patientId: f.camila.id, totalMinor: 380_000, count: 6, firstDueDate: threeMonthsAgo });
    expect(plan.instalments.map((i) => i.amountMinor)).toEqual([63_333, 63_333, 63_333, 63_333, 63_333, 63_335]);
    expect(plan.instalments.reduce((n, i) => n + i.amountMinor, 0)).toBe(380_000);
    await call(f.core, f.billing, 'billing.payment.post', { clientId: newId(), patientId: f.camila.id, amountMinor: 70_000, method: 'transfer', paymentPlanId: plan.id });
    const account = await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id });
    const states = account.plans[0]!.instalments.map((i) => i.status);
    expect(states.slice(0, 3)).toEqual(['paid', 'overdue', 'overdue']);
    expect(account.plans[0]!.paidMinor).toBe(70_000);
    expect(account.plans[0]!.overdueMinor).toBe(63_333 - 6_667 + 63_333 + (states[3] === 'overdue' ? 63_333 : 0));
  });
});

describe('insurance claims', () => {
  it('a bono per procedure, sent then paid, with amounts and dates', async () => {
    const f = await billingFixture();
    await completeOnChart(f.core, f.dentist, f.camila.id, 'RES-C3', '19');
    const charge = (await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id })).postings[0]!;
    const claim = await call(f.core, f.receptionist, 'billing.claim.save', { chargeId: charge.id, kind: 'bono', payer: 'FONASA', status: 'sent', billedMinor: 20_000, sentDate: '2026-12-01' });
    const paid = await call(f.core, f.billing, 'billing.claim.save', { id: claim.id, chargeId: charge.id, kind: 'bono', payer: 'FONASA', status: 'paid', billedMinor: 20_000, paidMinor: 18_000, sentDate: '2026-12-01', resolvedDate: '2026-12-03' });
    expect(paid).toMatchObject({ id: claim.id, status: 'paid', paidMinor: 18_000, resolvedDate: '2026-12-03' });
    const account = await call(f.core, f.billing, 'billing.account.get', { patientId: f.camila.id });
    expect(account.claims).toHaveLength(1);
  });
});

describe('currencies', () => {
  it('a USD practice keeps cents as integers: instalments, payments and receipts in minor units', async () => {
    const dataDir = tempDir();
    const core = await startCore({ dataDir });
    await call(core, 'admin', 'app.setup', {
      practice: { name: 'Smile Studio', country: 'US', timeZone: 'America/New_York', currency: 'USD', language: 'en' },
      admin: { givenNames: 'Ann', firstSurname: 'Lee', secondSurname: '', ...ADMIN },
      key: { kind: 'passphrase', passphrase: PASSPHRASE },
    });
    await signIn(core, 'dentist', 'dra');
    await setFee(core, 'RES-C3', 12_550);
    const patient = await addPatient(core, 'John', 'Smith');
    await completeOnChart(core, 'dra', patient.id, 'RES-C3', '19');
    const pay = await call(core, 'admin', 'billing.payment.post', { clientId: newId(), patientId: patient.id, amountMinor: 10_001, method: 'credit' });
    expect(pay.accountBalanceMinor).toBe(2_549);
    const plan = await call(core, 'admin', 'billing.plan.create', { clientId: newId(), patientId: patient.id, totalMinor: 2_549, count: 3, firstDueDate: '2030-01-01' });
    expect(plan.instalments.map((i) => i.amountMinor)).toEqual([849, 849, 851]);
    const account = await call(core, 'admin', 'billing.account.get', { patientId: patient.id });
    expect(account.currency).toBe('USD');
    const text = pdfText(Buffer.from((await call(core, 'admin', 'billing.receipt.print', { postingId: pay.postingId })).pdfBase64, 'base64'));
    expect(text).toContain('$100.01');
    // Fractions of a cent are not amounts.
    expect((await callError(core, 'admin', 'billing.payment.post', { clientId: newId(), patientId: patient.id, amountMinor: 10.5, method: 'cash' })).code).toBe('VALIDATION');
    void AppError;
  });
});
