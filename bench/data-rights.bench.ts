import { sql } from 'kysely';
import { createAppCore } from '../src/main/app-core';
import { DEMO_ADMIN_PASSWORD } from '../src/main/demo/generate-demo';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';
import { copyPractice, benchDispatcher } from './fixture';

/*
 * A patient's data request on the large demo: the whole record of the patient
 * with the longest history (the most chart events plus appointments: ten
 * years of visits) as a FHIR R4 bundle, through the dispatcher (session
 * check, parsing, the request row and the audit entry in one write), and the
 * PDF summary of the same record; plus the erasure review (what goes, what
 * stays, the retention date).
 */

const WARM_UP = 5;
const SAMPLES = 40;


async function run(ctx: BenchContext): Promise<void> {
  // A copy: every export writes its request row and audit entry.
  const dataDir = ctx.tempDir('data-rights');
  copyPractice(ctx.practice.dataDir, dataDir);
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const dispatch = benchDispatcher(core);
    await core.vault.store().database.integrity;
    await dispatch('auth.signIn', { username: 'admin', password: DEMO_ADMIN_PASSWORD });
    const db = core.vault.store().db;
    // The longest record: the most chart events plus appointments; and the same among patients with perio exams.
    const busiest = (withPerio: boolean) => sql<{ patient_id: string; events: number; appointments: number; first: string }>`
      SELECT c.patient_id, c.n AS events, coalesce(a.n, 0) AS appointments, c.first
      FROM (SELECT patient_id, count(*) AS n, min(at) AS first FROM chart_events GROUP BY patient_id) c
      LEFT JOIN (SELECT patient_id, count(*) AS n FROM appointments WHERE deleted_at IS NULL GROUP BY patient_id) a ON a.patient_id = c.patient_id
      ${withPerio ? sql`WHERE c.patient_id IN (SELECT patient_id FROM perio_exams)` : sql``}
      ORDER BY c.n + coalesce(a.n, 0) DESC, c.patient_id LIMIT 1`.execute(db);
    const describe = async (label: string, row: { patient_id: string; events: number; appointments: number; first: string }) => {
      const [perio, notes] = await Promise.all([
        db.selectFrom('perio_exams').select((eb) => eb.fn.countAll<number>().as('n')).where('patient_id', '=', row.patient_id).executeTakeFirstOrThrow(),
        db.selectFrom('clinical_notes').select((eb) => eb.fn.countAll<number>().as('n')).where('patient_id', '=', row.patient_id).executeTakeFirstOrThrow(),
      ]);
      info(`data-rights: ${label} ${row.patient_id}: ${row.events} chart events since ${row.first.slice(0, 10)}, ${row.appointments} appointments, ${Number(perio.n)} perio exams, ${Number(notes.n)} notes`);
    };
    const patient = (await busiest(false)).rows[0];
    const perioPatient = (await busiest(true)).rows[0];
    if (!patient) throw new Error('The large demo has no chairside data: remove .bench-data so that it is made again.');
    await describe('busiest patient', patient);
    if (perioPatient) await describe('busiest patient with perio exams', perioPatient);

    if (ctx.wants('dataRights.export_fhir')) {
      const samples: number[] = [];
      let bytes = 0;
      let resources = 0;
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const { ms, value } = await timeAsync(() => dispatch('privacy.exportFhir', { patientId: patient.patient_id }) as Promise<{ json: string; resources: Record<string, number> }>);
        if (i >= WARM_UP) samples.push(ms);
        bytes = value.json.length;
        resources = Object.values(value.resources).reduce((a, b) => a + b, 0);
      }
      info(`data-rights: the bundle holds ${resources} resources, ${(bytes / 1024).toFixed(0)} KiB of JSON`);
      ctx.emit(summarize('dataRights.export_fhir', samples));
    }
    if (perioPatient && ctx.wants('dataRights.export_fhir_perio')) {
      const samples: number[] = [];
      let resources = 0;
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const { ms, value } = await timeAsync(() => dispatch('privacy.exportFhir', { patientId: perioPatient.patient_id }) as Promise<{ resources: Record<string, number> }>);
        if (i >= WARM_UP) samples.push(ms);
        resources = Object.values(value.resources).reduce((a, b) => a + b, 0);
      }
      info(`data-rights: the perio patient's bundle holds ${resources} resources`);
      ctx.emit(summarize('dataRights.export_fhir_perio', samples));
    }
    if (ctx.wants('dataRights.summary_pdf')) {
      const samples: number[] = [];
      let pages = 0;
      for (let i = 0; i < SAMPLES / 2 + WARM_UP; i++) {
        const { ms, value } = await timeAsync(() => dispatch('privacy.summaryPdf', { patientId: patient.patient_id }) as Promise<{ pages: number }>);
        if (i >= WARM_UP) samples.push(ms);
        pages = value.pages;
      }
      info(`data-rights: the summary has ${pages} pages`);
      ctx.emit(summarize('dataRights.summary_pdf', samples));
    }
    if (ctx.wants('dataRights.erasure_plan')) {
      const samples: number[] = [];
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const { ms } = await timeAsync(() => dispatch('privacy.erasurePlan', { patientId: patient.patient_id }));
        if (i >= WARM_UP) samples.push(ms);
      }
      ctx.emit(summarize('dataRights.erasure_plan', samples));
    }
  } finally {
    await core.close();
  }
}

export const dataRightsSuite: BenchSuite = {
  area: 'data-rights',
  benches: ['dataRights.export_fhir', 'dataRights.export_fhir_perio', 'dataRights.summary_pdf', 'dataRights.erasure_plan'],
  run,
};
