import { describe, expect, it } from 'vitest';
import { completedItems } from '../../src/main/billing/chart-charges';
import { loadLog } from '../../src/main/chairside/chart/chart-repository';
import { DEMO_FEES } from '../../src/main/demo/billing-demo';
import { generateDemo } from '../../src/main/demo/generate-demo';
import { startCore, tempDir } from '../support/practice';

const PASSPHRASE = 'demo test passphrase';

describe('the demo’s ledger', () => {
  it('charges what the charts completed, mostly paid, with adjustments, reversals, plans, claims and balances owed', async () => {
    const dataDir = tempDir('dental-demo-');
    const summary = await generateDemo({ dataDir, passphrase: PASSPHRASE, size: 'small' });
    const core = await startCore({ dataDir, passphrase: PASSPHRASE });
    const db = core.vault.store().db;
    const postings = await db.selectFrom('ledger_postings').selectAll().execute();
    const allocations = await db.selectFrom('ledger_allocations').selectAll().execute();
    expect(summary.counts.ledger_postings).toBe(postings.length);
    const charges = postings.filter((p) => p.kind === 'charge');
    expect(charges.length).toBeGreaterThan(100);

    // Every charge is a completed chart item, at the demo's price, once.
    const byPatient = new Map<string, typeof charges>();
    for (const c of charges) byPatient.set(c.patient_id, [...(byPatient.get(c.patient_id) ?? []), c]);
    for (const [patientId, list] of [...byPatient].slice(0, 40)) {
      const done = completedItems(await loadLog(db, [patientId]));
      for (const c of list) {
        expect(done.has(c.chart_entry_id!)).toBe(true);
        expect(c.amount_minor).toBe(DEMO_FEES[c.procedure_code!]);
      }
      expect(new Set(list.map((c) => c.chart_entry_id)).size).toBe(list.length);
    }
    // Splits never over-allocate a charge nor exceed their payment; reversals net to zero.
    const perCharge = new Map<string, number>();
    const perPosting = new Map<string, number>();
    for (const a of allocations) {
      perCharge.set(a.charge_id, (perCharge.get(a.charge_id) ?? 0) + a.amount_minor);
      perPosting.set(a.posting_id, (perPosting.get(a.posting_id) ?? 0) + a.amount_minor);
    }
    const byId = new Map(postings.map((p) => [p.id, p]));
    for (const [chargeId, total] of perCharge) expect(total).toBeLessThanOrEqual(byId.get(chargeId)!.amount_minor);
    for (const [postingId, total] of perPosting) expect(Math.abs(total)).toBeLessThanOrEqual(Math.abs(byId.get(postingId)!.amount_minor));
    const reversals = postings.filter((p) => p.kind === 'reversal');
    for (const r of reversals) expect(r.amount_minor + byId.get(r.reverses_id!)!.amount_minor).toBe(0);

    const kinds = new Set(postings.map((p) => `${p.kind}:${p.adjustment_type ?? ''}`));
    expect(kinds).toContain('payment:');
    expect(kinds).toContain('adjustment:discount');
    const total = postings.reduce((n, p) => n + p.amount_minor, 0);
    expect(total).toBeGreaterThan(0);
    // Mostly paid: what is owed is a small part of what was charged.
    expect(total).toBeLessThan(charges.reduce((n, c) => n + c.amount_minor, 0) * 0.3);
    expect(summary.counts.insurance_claims).toBeGreaterThan(0);
    expect(new Set(postings.map((p) => p.method).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
  });
});
