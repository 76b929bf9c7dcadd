import { v7 as uuidv7 } from 'uuid';
import { createAppCore } from '../src/main/app-core';
import { DEMO_STAFF_PASSWORD } from '../src/main/demo/generate-demo';
import { Random } from '../src/main/demo/random';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';
import { copyPractice, benchDispatcher } from './fixture';

/*
 * What the dentist waits on with treatment plans, on the large demo (its plans
 * step gives every charted visit that planned treatment a quote): opening a
 * patient's plans (plans.list through the dispatcher: session check, parsing,
 * the plans with items, totals and acceptances, the audit entry), and building
 * a plan from the chart (plans.create with fromChart: the chart replayed, the
 * planned entries no plan holds priced from the patient's list and inserted,
 * in one write).
 */

const WARM_UP = 20;
const SAMPLES = 300;
const BUILD_SAMPLES = 100;


async function run(ctx: BenchContext): Promise<void> {
  const dataDir = ctx.tempDir('plans');
  copyPractice(ctx.practice.dataDir, dataDir);
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const dispatch = benchDispatcher(core);
    await core.vault.store().database.integrity;
    await dispatch('auth.signIn', { username: 'dra.gonzalez', password: DEMO_STAFF_PASSWORD });
    const db = core.vault.store().db;
    const withPlans = await db
      .selectFrom('treatment_plans')
      .select(['patient_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('patient_id')
      .orderBy('patient_id')
      .execute();
    if (withPlans.length === 0) throw new Error('The large demo has no treatment plans: remove .bench-data so that it is made again.');
    const items = Number((await db.selectFrom('treatment_plan_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const plans = withPlans.reduce((s, p) => s + Number(p.n), 0);
    info(`plans: ${withPlans.length} patients with plans, ${plans} plans, ${items} items (${(items / plans).toFixed(1)} per plan)`);
    const random = new Random('bench/plans');

    if (ctx.wants('plans.open_patient')) {
      const samples: number[] = [];
      let seen = 0;
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const patientId = random.pick(withPlans).patient_id;
        const { ms, value } = await timeAsync(async () => ((await dispatch('plans.list', { patientId })) as { plans: { items: unknown[] }[] }).plans.length);
        if (i >= WARM_UP) {
          samples.push(ms);
          seen += value;
        }
      }
      info(`plans: ${(seen / SAMPLES).toFixed(1)} plans per patient opened`);
      ctx.emit(summarize('plans.open_patient', samples));
    }

    if (ctx.wants('plans.build_from_chart')) {
      // Patients with ten years of chart; each gets three new planned items on the chart (not timed), then the plan is built from it.
      const charted = (await db.selectFrom('chart_events').select('patient_id').distinct().orderBy('patient_id').execute()).map((r) => r.patient_id);
      const samples: number[] = [];
      for (let i = 0; i < BUILD_SAMPLES + 5; i++) {
        const patientId = random.pick(charted);
        for (const [tooth, code, surfaces] of [
          ['3', 'RES-C2', 'MO'],
          ['14', 'COR-CER', null],
          ['19', 'RES-C1', 'O'],
        ] as const) {
          const area = surfaces ? { kind: 'surface', tooth, surfaces } : { kind: 'tooth', tooth };
          await dispatch('chart.apply', { patientId, action: { type: 'recordFinding', area, code, status: 'planned' } }).catch(() => undefined);
        }
        const { ms } = await timeAsync(() => dispatch('plans.create', { patientId, planId: uuidv7(), fromChart: true }));
        if (i >= 5) samples.push(ms);
      }
      ctx.emit(summarize('plans.build_from_chart', samples));
    }
  } finally {
    await core.close();
  }
}

export const plansSuite: BenchSuite = {
  area: 'plans',
  benches: ['plans.open_patient', 'plans.build_from_chart'],
  run,
};
