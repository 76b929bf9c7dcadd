import { describe, expect, it } from 'vitest';
import { DEMO_STAFF_PASSWORD, generateDemo } from '../../src/main/demo/generate-demo';
import { addMonths } from '../../src/shared/recall/dates';
import { call, startCore, tempDir } from '../support/practice';

const PASSPHRASE = 'demo test passphrase';

describe('the demo practice has recalls', () => {
  it('gives most patients a prophylaxis recall one interval after the last one, some perio maintenance, and a due list the front desk can work', async () => {
    const dataDir = tempDir('dental-recall-demo-');
    const summary = await generateDemo({ dataDir, passphrase: PASSPHRASE, size: 'small' });
    expect(summary.steps.map((s) => s.step)).toContain('recall');
    const core = await startCore({ dataDir, passphrase: PASSPHRASE });
    const db = core.vault.store().db;
    const recalls = await db.selectFrom('patient_recalls').innerJoin('recall_types', 'recall_types.id', 'patient_recalls.type_id').selectAll('patient_recalls').select('recall_types.interval_months as type_months').execute();
    const patients = await db.selectFrom('patients').select('id').where('deleted_at', 'is', null).execute();
    const prophylaxis = recalls.filter((r) => r.type_id === 'recall-type:prophylaxis');
    expect(prophylaxis.length).toBeGreaterThan(patients.length * 0.6);
    expect(recalls.some((r) => r.type_id === 'recall-type:perio')).toBe(true);
    for (const r of recalls) expect(r.due_date).toBe(addMonths(r.last_done_date!, r.interval_months ?? r.type_months));

    await call(core, 'recepcion', 'auth.signIn', { username: 'recepcion', password: DEMO_STAFF_PASSWORD });
    const due = await call(core, 'recepcion', 'recall.due', { status: 'overdue' });
    expect(due.total).toBeGreaterThan(0);
    expect(due.rows[0]!.monthsOverdue).toBeGreaterThanOrEqual(due.rows[due.rows.length - 1]!.monthsOverdue);
  });
});
