import { createAppCore } from '../src/main/app-core';
import { DEMO_STAFF_PASSWORD } from '../src/main/demo/generate-demo';
import { Random } from '../src/main/demo/random';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';
import { copyPractice } from './fixture';

/*
 * What the front desk waits on when it opens the recall list on the large
 * demo (its recall step gives most of the 60,000 patients a prophylaxis recall
 * and some perio maintenance): recall.due through the dispatcher, as the
 * receptionist, with its session check, parsing and audit entry. The plain
 * list (due and overdue, first 200), filtered by provider, type and months
 * overdue as the screen's filters do, and with booked patients hidden (a
 * NOT EXISTS over the appointments).
 */

const WARM_UP = 20;
const SAMPLES = 200;


async function run(ctx: BenchContext): Promise<void> {
  // A copy: every list read writes its audit entry.
  const dataDir = ctx.tempDir('recall');
  copyPractice(ctx.practice.dataDir, dataDir);
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const dispatch = async (name: string, input: unknown) => {
      const result = await core.dispatch(name, input, 'bench');
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.messageKey} ${JSON.stringify(result.error.params ?? {})}`);
      return result.value as { total: number; rows: unknown[] };
    };
    await core.vault.store().database.integrity;
    await dispatch('auth.signIn', { username: 'recepcion', password: DEMO_STAFF_PASSWORD });
    const db = core.vault.store().db;
    const recalls = Number((await db.selectFrom('patient_recalls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    if (recalls === 0) throw new Error('The large demo has no recalls: remove .bench-data so that it is made again.');
    const providers = (await db.selectFrom('providers').select('id').execute()).map((p) => p.id);
    const types = (await db.selectFrom('recall_types').select('id').execute()).map((t) => t.id);
    const random = new Random('bench/recall');
    const first = await dispatch('recall.due', {});
    info(`recall: ${recalls} patient recalls; the due list has ${first.total} (first ${first.rows.length} shown)`);

    const measure = async (bench: string, input: () => unknown) => {
      if (!ctx.wants(bench)) return;
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const { ms } = await timeAsync(() => dispatch('recall.due', input()));
        if (i >= WARM_UP) samples.push(ms);
      }
      ctx.emit(summarize(bench, samples));
    };
    await measure('recall.due_list', () => ({}));
    await measure('recall.due_list_filtered', () => ({
      status: random.chance(0.5) ? 'due' : 'overdue',
      ...(random.chance(0.7) ? { providerId: random.pick(providers) } : {}),
      ...(random.chance(0.5) ? { typeId: random.pick(types) } : {}),
      ...(random.chance(0.5) ? { minMonthsOverdue: random.pick([1, 2, 3, 6, 12]) } : {}),
    }));
    await measure('recall.due_list_hide_booked', () => ({ hideBooked: true }));
  } finally {
    await core.close();
  }
}

export const recallSuite: BenchSuite = {
  area: 'recall',
  benches: ['recall.due_list', 'recall.due_list_filtered', 'recall.due_list_hide_booked'],
  run,
};
