import { createAppCore } from '../src/main/app-core';
import { DEMO_ANCHOR, DEMO_STAFF_PASSWORD } from '../src/main/demo/generate-demo';
import { Random } from '../src/main/demo/random';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';
import { copyPractice, benchDispatcher } from './fixture';

/*
 * What the chair waits on, on the large demo (its chairside step gives about
 * one patient in five ten years of chart events, notes and, for some, perio
 * exams): opening a patient's chairside panel (the current chart, the latest
 * perio exam and the note list, through the dispatcher with its session check,
 * parsing and audit entry: chairside.open, and the three separate calls for
 * comparison), the chart as of a past date, and one charting edit through the
 * write path.
 */

const WARM_UP = 30;
const SAMPLES = 300;


async function run(ctx: BenchContext): Promise<void> {
  // A copy: every read writes its audit entry, and the edit bench writes events.
  const dataDir = ctx.tempDir('chairside');
  copyPractice(ctx.practice.dataDir, dataDir);
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const dispatch = benchDispatcher(core);
    await core.vault.store().database.integrity;
    await dispatch('auth.signIn', { username: 'dra.gonzalez', password: DEMO_STAFF_PASSWORD });
    const db = core.vault.store().db;
    const histories = await db
      .selectFrom('chart_events')
      .select(['patient_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('at').as('first')])
      .groupBy('patient_id')
      .orderBy('patient_id')
      .execute();
    if (histories.length === 0) throw new Error('The large demo has no chairside data: remove .bench-data so that it is made again.');
    const perio = new Set((await db.selectFrom('perio_exams').select('patient_id').distinct().execute()).map((r) => r.patient_id));
    const withPerio = histories.filter((h) => perio.has(h.patient_id));
    const totals = { events: histories.reduce((s, h) => s + Number(h.n), 0) };
    info(`chairside: ${histories.length} patients with a chart (${totals.events} events, ${(totals.events / histories.length).toFixed(1)} per patient), ${perio.size} with perio exams`);
    const random = new Random('bench/chairside');
    // Patients with history: half of them also with perio exams, so the latest exam is a real one.
    const pickPatient = () => (random.chance(0.5) && withPerio.length ? random.pick(withPerio) : random.pick(histories));

    if (ctx.wants('chairside.load_patient') || ctx.wants('chairside.load_patient_3calls')) {
      // The panel opens with one call (chairside.open: one read, one audit entry); for comparison, the same
      // three reads as separate calls, each with its own dispatch and audit entry (a refresh of every tab).
      const samples: number[] = [];
      const separate: number[] = [];
      let events = 0;
      let notes = 0;
      let exams = 0;
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const patientId = pickPatient().patient_id;
        const { ms, value } = await timeAsync(async () => {
          const opened = (await dispatch('chairside.open', { patientId })) as { chart: { events: unknown[] }; perio: unknown; notes: unknown[] };
          return { events: opened.chart.events.length, notes: opened.notes.length, exam: opened.perio !== null };
        });
        const other = pickPatient().patient_id;
        const three = await timeAsync(async () => {
          await dispatch('chart.get', { patientId: other });
          await dispatch('perio.exam.latest', { patientId: other });
          await dispatch('notes.list', { patientId: other });
        });
        if (i < WARM_UP) continue;
        samples.push(ms);
        separate.push(three.ms);
        events += value.events;
        notes += value.notes;
        exams += value.exam ? 1 : 0;
      }
      info(`chairside.load_patient: ${(events / samples.length).toFixed(1)} chart events, ${(notes / samples.length).toFixed(1)} notes per patient; ${exams} of ${samples.length} with a perio exam`);
      ctx.emit(summarize('chairside.load_patient', samples));
      ctx.emit(summarize('chairside.load_patient_3calls', separate));
    }

    if (ctx.wants('chairside.chart_as_of')) {
      const anchor = Date.parse(DEMO_ANCHOR);
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const patient = pickPatient();
        const first = Date.parse(String(patient.first));
        const asOf = new Date(first + random.next() * (anchor - first)).toISOString();
        const { ms } = await timeAsync(() => dispatch('chart.get', { patientId: patient.patient_id, asOf }));
        if (i >= WARM_UP) samples.push(ms);
      }
      ctx.emit(summarize('chairside.chart_as_of', samples));
    }

    if (ctx.wants('chairside.chart_apply')) {
      const samples: number[] = [];
      for (let i = 0; i < 100 + 10; i++) {
        const patientId = pickPatient().patient_id;
        const tooth = String(random.int(2, 15));
        const action = { type: 'recordFinding', area: { kind: 'surface', tooth, surfaces: 'O' }, code: 'DX-CAR', status: 'condition' };
        const { ms } = await timeAsync(() => dispatch('chart.apply', { patientId, action }));
        if (i >= 10) samples.push(ms);
      }
      ctx.emit(summarize('chairside.chart_apply', samples));
    }
  } finally {
    await core.close();
  }
}

export const chairsideSuite: BenchSuite = {
  area: 'chairside',
  benches: ['chairside.load_patient', 'chairside.load_patient_3calls', 'chairside.chart_as_of', 'chairside.chart_apply'],
  run,
};
