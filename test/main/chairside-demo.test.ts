import { describe, expect, it } from 'vitest';
import { chartAt } from '../../src/shared/chart/events';
import { generateDemo, DEMO_STAFF_PASSWORD } from '../../src/main/demo/generate-demo';
import { loadLog } from '../../src/main/chairside/chart/chart-repository';
import { headsOf } from '../../src/main/chairside/notes/notes-service';
import { rowToExam } from '../../src/main/chairside/perio/perio-service';
import { perioSummary } from '../../src/shared/perio/indices';
import { call, startCore, tempDir } from '../support/practice';

const PASSPHRASE = 'demo test passphrase';

async function smallDemo() {
  const dataDir = tempDir('dental-demo-');
  const summary = await generateDemo({ dataDir, passphrase: PASSPHRASE, size: 'small' });
  const core = await startCore({ dataDir, passphrase: PASSPHRASE });
  return { summary, core, db: core.vault.store().db };
}

describe('the demo’s chairside records', () => {
  it('are the same every time, and as the app would have made them', async () => {
    const first = await smallDemo();
    const second = await smallDemo();
    const events = (demo: typeof first) => demo.db.selectFrom('chart_events').select(['id', 'patient_id', 'at', 'kind', 'item', 'target_id']).orderBy('id').execute();
    const a = await events(first);
    expect(a.length).toBeGreaterThan(300);
    expect(await events(second)).toEqual(a);
    const notes = (demo: typeof first) => demo.db.selectFrom('clinical_note_versions').select(['id', 'note_id', 'content']).orderBy('id').execute();
    expect(await notes(second)).toEqual(await notes(first));
    expect(first.summary.counts).toMatchObject({ chart_events: a.length });
    expect(first.summary.counts.perio_exams).toBeGreaterThan(5);
    expect(first.summary.counts.clinical_notes).toBeGreaterThan(50);

    const { db, core } = first;
    // Every chart replays; there are corrections and extractions among them.
    const patients = [...new Set(a.map((e) => e.patient_id))];
    for (const patientId of patients) chartAt(await loadLog(db, [patientId]), null);
    expect(a.some((e) => e.kind === 'void')).toBe(true);
    expect(a.some((e) => e.item?.includes('"extracted"'))).toBe(true);
    // Signed notes name a version that is their only head; some have addenda.
    const signed = await db.selectFrom('clinical_notes').selectAll().where('status', '=', 'signed').execute();
    expect(signed.length).toBeGreaterThan(40);
    for (const note of signed.slice(0, 40)) {
      const versions = await db.selectFrom('clinical_note_versions').selectAll().where('note_id', '=', note.id).execute();
      expect(headsOf(versions).map((v) => v.id)).toEqual([note.signed_version_id]);
    }
    expect(first.summary.counts.clinical_note_addenda).toBeGreaterThan(0);
    // Perio exams hold readings the shared model reads, mostly signed.
    const exams = await db.selectFrom('perio_exams').selectAll().execute();
    expect(exams.filter((e) => e.status === 'signed').length).toBeGreaterThan(exams.length / 2);
    for (const exam of exams) expect(perioSummary(rowToExam(exam)).examinedSites).toBeGreaterThan(0);

    // Visits are the patients' completed appointments: each note names its appointment, of that patient and day.
    const linked = await db
      .selectFrom('clinical_notes')
      .innerJoin('appointments', 'appointments.id', 'clinical_notes.appointment_id')
      .select(['clinical_notes.patient_id as notePatient', 'appointments.patient_id as appointmentPatient', 'visit_date', 'start_date', 'appointments.status'])
      .execute();
    expect(linked.length).toBeGreaterThan(20);
    for (const l of linked) expect([l.notePatient, l.visit_date, l.status]).toEqual([l.appointmentPatient, l.start_date, 'completed']);

    // A dentist of the demo opens one of them through the contract.
    await call(core, 'dra', 'auth.signIn', { username: 'dra.gonzalez', password: DEMO_STAFF_PASSWORD });
    const chart = await call(core, 'dra', 'chart.get', { patientId: patients[0]! });
    expect(chart.events.length).toBeGreaterThan(0);
    expect((await call(core, 'dra', 'notes.list', { patientId: patients[0]! })).length).toBeGreaterThanOrEqual(0);
  });
});
