import { describe, expect, it } from 'vitest';
import { chartAt } from '../../src/shared/chart/events';
import { generateDemo } from '../../src/main/demo/generate-demo';
import { loadLog } from '../../src/main/chairside/chart/chart-repository';
import { call, startCore, tempDir } from '../support/practice';

const PASSPHRASE = 'demo test passphrase';

describe('the demo’s treatment plans', () => {
  it('follow the charts: completed on the chart is completed in the plan, some in progress, quotes signed', async () => {
    const dataDir = tempDir('dental-demo-plans-');
    const summary = await generateDemo({ dataDir, passphrase: PASSPHRASE, size: 'small' });
    const core = await startCore({ dataDir, passphrase: PASSPHRASE });
    const db = core.vault.store().db;
    expect(summary.counts.treatment_plans).toBeGreaterThan(20);
    const items = await db.selectFrom('treatment_plan_items').selectAll().execute();
    const statuses = new Set(items.map((i) => i.status));
    for (const s of ['completed', 'accepted', 'declined']) expect(statuses.has(s)).toBe(true);
    for (const i of items) {
      expect(i.coverage_minor).toBeLessThanOrEqual(i.fee_minor);
      expect(i.fee_minor).toBeGreaterThan(0);
    }
    // Each item's status agrees with its chart entry.
    const byPatient = new Map<string, typeof items>();
    for (const i of items) byPatient.set(i.patient_id, [...(byPatient.get(i.patient_id) ?? []), i]);
    for (const [patientId, list] of [...byPatient].slice(0, 40)) {
      const chart = chartAt(await loadLog(db, [patientId]), null);
      for (const item of list) {
        const entry = chart.entries.find((e) => e.id === item.chart_entry_id);
        const status = entry?.item.type === 'finding' ? entry.item.status : 'gone';
        if (item.status === 'completed') expect(status).toBe('completed');
        if (item.status === 'accepted' || item.status === 'planned') expect(status).toBe('planned');
      }
    }
    const acceptances = await db.selectFrom('treatment_plan_acceptances').selectAll().execute();
    expect(acceptances.length).toBeGreaterThan(10);
    // The front desk's list of treatment to book comes from them.
    await call(core, 'admin', 'auth.signIn', { username: 'admin', password: 'demo-admin-2026' });
    const waiting = await call(core, 'admin', 'plans.unscheduled', { limit: 10 });
    expect(waiting.total).toBe(items.filter((i) => i.status === 'accepted').length);
    const somePatient = items[0]!.patient_id;
    const listed = await call(core, 'admin', 'plans.list', { patientId: somePatient });
    expect(listed.plans.length).toBeGreaterThan(0);
    await core.close();
  }, 240_000);
});
