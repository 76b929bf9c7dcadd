import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CallInput, CallOutput } from '../../src/shared/contract';
import { type PerioExam } from '../../src/shared/perio/exam';
import { perioSummary } from '../../src/shared/perio/indices';
import { INTERPROXIMAL_SITES, SITES, type Site } from '../../src/shared/perio/sites';
import { call, callError } from '../support/practice';
import { type ChairsideFixture, chairsideFixture, count, lastAudit } from './chairside-support';

type Exam = CallOutput<'perio.exam.get'>;
type Content = CallInput<'perio.exam.save'>['exam'];
type Reading = { pd?: number | null; gm?: number | null; bleeding?: boolean; plaque?: boolean };

/** Every site of every present tooth, from a function of tooth, site and running index. */
function fullMouth(exam: Exam, reading: (tooth: string, site: Site, i: number) => Reading): Content {
  const readings: Content['readings'] = {};
  let i = 0;
  for (const tooth of exam.teeth) {
    if (exam.missing.includes(tooth)) continue;
    const sites = Object.fromEntries(SITES.map((site) => [site, reading(tooth, site, i++)]));
    readings[tooth] = { sites: sites as never };
  }
  return { date: exam.date, teeth: exam.teeth, missing: exam.missing, readings };
}

async function startWithMissing(f: ChairsideFixture, missing: string[]) {
  for (const tooth of missing) await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'setToothState', tooth, state: 'missing' } });
  return call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id });
}

/** A signed exam with these readings. */
async function signedExam(f: ChairsideFixture, date: string, reading: (tooth: string, site: Site, i: number) => Reading): Promise<Exam> {
  const { exam } = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id, date });
  const saved = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: exam.revision, exam: { ...fullMouth(exam, reading), date } });
  return call(f.core, f.hygienist, 'perio.exam.sign', { examId: saved.id, revision: saved.revision });
}

describe('perio exams', () => {
  it('start as a draft with the chart’s missing teeth skipped, and open the same draft again', async () => {
    const f = await chairsideFixture();
    const { exam, resumed } = await startWithMissing(f, ['1', '16']);
    expect(resumed).toBe(false);
    expect(exam).toMatchObject({ status: 'draft', missing: ['1', '16'], revision: 0, examinerName: 'Test hygienist', signedAt: null, cdcAap: 'none' });
    expect(exam.teeth).toHaveLength(32);
    expect(exam.summary.examinedSites).toBe(0);
    expect(exam.summary.bleeding.percent).toBeNull();
    const again = await call(f.core, f.dentist, 'perio.exam.start', { patientId: f.camila.id });
    expect(again).toMatchObject({ resumed: true, exam: { id: exam.id } });
    expect(await count(f.core, 'perio_exams')).toBe(1);
  });

  it('saves a draft whole, computes the indices on the way out and stores no CAL', async () => {
    const f = await chairsideFixture();
    const { exam } = await startWithMissing(f, ['1', '16']);
    // 30 teeth, 180 sites: PD 3 with 1 mm of recession; 19 bleeding sites, 9 with plaque.
    const content = fullMouth(exam, (_t, _s, i) => ({ pd: 3, gm: 1, bleeding: i < 19, plaque: i % 20 === 0 }));
    f.events.length = 0;
    const saved = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: content });
    expect(saved.revision).toBe(1);
    // 19/180 = 10.56 % → 11 %; 9/180 = 5 %; rounded half up to a whole percent.
    expect(saved.summary).toMatchObject({ examinedSites: 180, bleeding: { marked: 19, examined: 180, percent: 11 }, plaque: { marked: 9, percent: 5 }, meanPd: 3, meanCal: 4 });
    expect(saved.readings['2']!.sites.MB).toEqual({ pd: 3, gm: 1, mgj: null, bleeding: true, suppuration: false, plaque: true, calculus: false });
    expect(f.events).toEqual([{ name: 'chairside.changed', payload: { patientIds: [f.camila.id], areas: ['perio'] } }]);
    const row = await f.core.vault.store().db.selectFrom('perio_exams').select('readings').where('id', '=', exam.id).executeTakeFirstOrThrow();
    expect(row.readings).not.toMatch(/cal/i);
    // Read back: the same indices from the stored exam, computed by the shared model.
    const read = await call(f.core, f.dentist, 'perio.exam.get', { examId: exam.id });
    expect(read.summary).toEqual(perioSummary(read as unknown as PerioExam));
    expect(await lastAudit(f.core)).toMatchObject({ action: 'perio.view', entity_id: f.camila.id });
  });

  it('does not let a second save overwrite a newer one', async () => {
    const f = await chairsideFixture();
    const { exam } = await startWithMissing(f, []);
    const mine = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: fullMouth(exam, () => ({ pd: 2 })) });
    const stale = await callError(f.core, f.dentist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: fullMouth(exam, () => ({ pd: 9 })) });
    expect(stale).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.PERIO_STALE', params: { revision: 1 } });
    expect((await call(f.core, f.dentist, 'perio.exam.get', { examId: exam.id })).readings['8']!.sites.B.pd).toBe(mine.readings['8']!.sites.B.pd);
  });

  it('refuses values the shared model refuses, naming the tooth', async () => {
    const f = await chairsideFixture();
    const { exam } = await startWithMissing(f, ['16']);
    const base = fullMouth(exam, () => ({ pd: 3 }));
    const tooDeep = await callError(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: { ...base, readings: { ...base.readings, '3': { sites: { MB: { pd: 25 } } } } } });
    expect(tooDeep).toMatchObject({ code: 'VALIDATION', fields: { 'exam.readings.3.sites.MB.pd': 'validation.tooLong' } });
    const palate = await callError(f.core, f.hygienist, 'perio.exam.save', {
      examId: exam.id,
      revision: 0,
      exam: { ...base, readings: { ...base.readings, '3': { sites: { L: { pd: 3, mgj: 2 } } } } },
    });
    expect(palate).toMatchObject({ code: 'VALIDATION', fields: { 'exam.readings.3': 'validation.perioValue' } });
    const furcation = await callError(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: { ...base, readings: { '8': { sites: {}, furcation: { B: 2 } } } } });
    expect(furcation).toMatchObject({ code: 'VALIDATION', fields: { 'exam.readings.8': 'validation.perioValue' } });
    const notCharted = await callError(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: { ...base, readings: { A: { sites: { MB: { pd: 2 } } } } } });
    expect(notCharted).toMatchObject({ code: 'VALIDATION', fields: { 'exam.readings.A': 'validation.perioToothNotCharted' } });
    expect((await call(f.core, f.hygienist, 'perio.exam.get', { examId: exam.id })).revision).toBe(0);
  });

  it('is closed by signing: saving is refused, and the database refuses any change', async () => {
    const f = await chairsideFixture();
    const { exam } = await startWithMissing(f, []);
    expect((await callError(f.core, f.hygienist, 'perio.exam.sign', { examId: exam.id, revision: 0 })).messageKey).toBe('errors.PERIO_NOTHING_MEASURED');
    const saved = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: fullMouth(exam, () => ({ pd: 3 })) });
    const signed = await call(f.core, f.hygienist, 'perio.exam.sign', { examId: exam.id, revision: saved.revision });
    expect(signed).toMatchObject({ status: 'signed', signedByName: 'Test hygienist', revision: 2 });
    expect(signed.signedAt).toMatch(/Z$/);
    const save = await callError(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: signed.revision, exam: fullMouth(exam, () => ({ pd: 4 })) });
    expect(save).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.PERIO_SIGNED' });
    expect((await callError(f.core, f.hygienist, 'perio.exam.sign', { examId: exam.id, revision: signed.revision })).messageKey).toBe('errors.PERIO_SIGNED');
    expect((await callError(f.core, f.hygienist, 'perio.exam.discard', { examId: exam.id })).messageKey).toBe('errors.PERIO_SIGNED');
    const db = f.core.vault.store().db;
    await expect(sql`UPDATE perio_exams SET readings = '{}' WHERE id = ${exam.id}`.execute(db)).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM perio_exams WHERE id = ${exam.id}`.execute(db)).rejects.toThrow(/never deleted/);
    // A new exam starts a new draft.
    const next = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id });
    expect(next.resumed).toBe(false);
    expect(next.exam.id).not.toBe(exam.id);
  });

  it('lists exams latest first and compares two, earlier as before', async () => {
    const f = await chairsideFixture();
    const first = await signedExam(f, '2025-03-01', (t, s) => ({ pd: t === '3' && s === 'MB' ? 5 : 3, bleeding: t === '3' }));
    const second = await signedExam(f, '2025-09-01', (t, s) => ({ pd: t === '3' && s === 'MB' ? 3 : t === '14' && s === 'DB' ? 6 : 3, bleeding: t === '14' }));
    const list = await call(f.core, f.dentist, 'perio.exam.list', { patientId: f.camila.id });
    expect(list.map((e) => e.date)).toEqual(['2025-09-01', '2025-03-01']);
    expect(list[0]).toMatchObject({ id: second.id, teethPresent: 32, status: 'signed' });
    expect((await call(f.core, f.dentist, 'perio.exam.latest', { patientId: f.camila.id }))?.id).toBe(second.id);
    const comparison = await call(f.core, f.dentist, 'perio.compare', { examIdA: second.id, examIdB: first.id });
    expect(comparison.before.id).toBe(first.id);
    expect(comparison.thresholds).toEqual({ pdMm: 2, calMm: 2 });
    expect(comparison.sites.filter((s) => s.highlight).map((s) => [s.tooth, s.site, s.pd.delta, s.highlight])).toEqual([
      ['3', 'MB', -2, 'better'],
      ['14', 'DB', 3, 'worse'],
    ]);
    expect(comparison.sites.find((s) => s.tooth === '3' && s.site === 'B')!.bleeding).toBe('resolved');
  });
});

describe('the staging helper', () => {
  /** Stage III material: interdental CAL 5–6 mm and 6 mm pockets on molars and incisors all round. */
  const severe = (tooth: string, site: Site) => (INTERPROXIMAL_SITES.includes(site) && ['3', '8', '9', '14', '19', '24', '25', '30'].includes(tooth) ? { pd: 6, gm: 0, bleeding: true } : { pd: 3, gm: 0 });

  it('suggests from the stored exam with the rules that fired, and stores the dentist’s confirmation as a fact', async () => {
    const f = await chairsideFixture();
    const { exam } = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id, date: '2025-05-05' });
    const saved = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: { ...fullMouth(exam, severe), date: '2025-05-05' } });
    const { suggestion, cdcAap, previous, age } = await call(f.core, f.dentist, 'staging.suggest', { examId: exam.id, inputs: { cigarettesPerDay: 12 } });
    expect(age).toBe(45);
    expect(previous).toBeNull();
    expect(suggestion).toMatchObject({ stage: 'III', grade: 'C', requiresConfirmation: true, caseDefinitionMet: true });
    expect(suggestion.rules.filter((r) => r.applied).map((r) => r.rule)).toEqual(expect.arrayContaining(['stage.cal_ge_5', 'grade.smoking_ge_10']));
    expect(cdcAap.case).toBe('severe');

    // A draft can be discussed but not confirmed: the evidence could still change.
    const draft = await callError(f.core, f.dentist, 'staging.confirm', { patientId: f.camila.id, examId: exam.id, inputs: { cigarettesPerDay: 12 } });
    expect(draft).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.STAGING_EXAM_NOT_SIGNED' });
    await call(f.core, f.hygienist, 'perio.exam.sign', { examId: exam.id, revision: saved.revision });
    f.events.length = 0;
    const confirmed = await call(f.core, f.dentist, 'staging.confirm', { patientId: f.camila.id, examId: exam.id, inputs: { cigarettesPerDay: 12 }, decision: { note: 'Fumador de 12 cigarrillos al día' } });
    expect(confirmed).toMatchObject({ stage: 'III', grade: 'C', overridden: false, examDate: '2025-05-05', confirmedByName: 'Test dentist', suggested: { stage: 'III', grade: 'C' } });
    expect(confirmed.rules).toContain('stage.cal_ge_5');
    expect(confirmed.inputs).toMatchObject({ cigarettesPerDay: 12, age: 45 });
    expect(f.events).toEqual([{ name: 'chairside.changed', payload: { patientIds: [f.camila.id], areas: ['staging'] } }]);
    await expect(sql`UPDATE staging_confirmations SET stage = 'I'`.execute(f.core.vault.store().db)).rejects.toThrow(/append-only/);
  });

  it('never lowers the stage after treatment', async () => {
    const f = await chairsideFixture();
    const before = await signedExam(f, '2025-01-10', severe);
    await call(f.core, f.dentist, 'staging.confirm', { patientId: f.camila.id, examId: before.id });
    // After treatment: shallow pockets, 2 mm of attachment loss.
    const after = await signedExam(f, '2025-08-10', (_t, site) => ({ pd: 2, gm: INTERPROXIMAL_SITES.includes(site) ? 1 : 0 }));
    const { suggestion, previous } = await call(f.core, f.dentist, 'staging.suggest', { examId: after.id });
    expect(previous?.stage).toBe('III');
    expect(suggestion.stage).toBe('III');
    expect(suggestion.rules.find((r) => r.rule === 'stage.not_below_previous')).toMatchObject({ applied: true });
    const lower = await callError(f.core, f.dentist, 'staging.confirm', { patientId: f.camila.id, examId: after.id, decision: { stage: 'II' } });
    expect(lower).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.STAGING_BELOW_PREVIOUS', params: { previous: 'III' } });
    const kept = await call(f.core, f.dentist, 'staging.confirm', { patientId: f.camila.id, examId: after.id, decision: { grade: 'C' } });
    expect(kept).toMatchObject({ stage: 'III', grade: 'C', overridden: true, suggested: { stage: 'III', grade: 'B' } });
    const history = await call(f.core, f.dentist, 'staging.history', { patientId: f.camila.id });
    expect(history.map((h) => [h.examDate, h.stage])).toEqual([
      ['2025-08-10', 'III'],
      ['2025-01-10', 'III'],
    ]);
    expect(await count(f.core, 'staging_confirmations')).toBe(2);
  });

  it('is refused to the front desk', async () => {
    const f = await chairsideFixture();
    const { exam } = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id });
    expect((await callError(f.core, f.receptionist, 'perio.exam.list', { patientId: f.camila.id })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, f.receptionist, 'perio.exam.get', { examId: exam.id })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, f.receptionist, 'staging.suggest', { examId: exam.id })).code).toBe('FORBIDDEN');
  });
});
