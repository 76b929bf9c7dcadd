import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PatientDraft } from '../../src/shared/contract/patients';
import type { AppCore } from '../../src/main/app-core';
import { call, callError, setUpPractice } from '../support/practice';
import { createPatient, rut, signedIn, yearsAgo } from './patients-support';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex').toString('base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]).toString('base64');

/** Everything a merge may touch, as stored; updated_at aside, which records that a change happened. */
async function snapshot(core: AppCore) {
  const db = core.vault.store().db;
  const strip = <T extends { updated_at: string }>(rows: T[]) => rows.map(({ updated_at: _changed, ...rest }) => rest);
  return {
    patients: strip(await db.selectFrom('patients').selectAll().orderBy('id').execute()),
    photos: strip(await db.selectFrom('patient_photos').selectAll().orderBy('id').execute()),
    history: await db.selectFrom('patient_medical_history').selectAll().orderBy('id').execute(),
    search: (await sql`SELECT rowid, * FROM patient_search ORDER BY rowid`.execute(db)).rows,
  };
}

async function setPhoto(core: AppCore, patientId: string, dataBase64 = PNG, mime: 'image/png' | 'image/jpeg' = 'image/png') {
  await call(core, 'admin', 'patients.setPhoto', { patientId, photo: { mime, dataBase64 } });
}

describe('merging duplicate records', () => {
  it('moves everything of the duplicate onto the survivor, fills its gaps, and undo restores exactly', async () => {
    const { core } = await setUpPractice();
    const survivor = await createPatient(core, { givenNames: 'José', firstSurname: 'González', secondSurname: 'Muñoz', phones: [{ number: '9 8765 4321', whatsapp: true }] }, { alerts: ['allergy_latex'] });
    const duplicate = await createPatient(
      core,
      {
        givenNames: 'Jose',
        firstSurname: 'Gonzalez',
        secondSurname: '',
        document: { type: 'RUT', number: rut(12_345_678) },
        phones: [{ number: '+56987654321' }, { number: '9 5555 1234', whatsapp: true }],
        email: 'jose@example.cl',
        address: { street: 'Av. Grecia 1234', district: 'Ñuñoa' },
        coverage: { kind: 'fonasa', tramo: 'B' },
      },
      { alerts: ['allergy_penicillin'] },
    );
    await call(core, 'admin', 'patients.medicalHistory.record', { patientId: duplicate.id, history: { alerts: ['allergy_penicillin', 'diabetes'], medications: 'Metformina' } });
    await setPhoto(core, duplicate.id);
    const child = await createPatient(core, {
      givenNames: 'Tomás',
      firstSurname: 'González',
      birthDate: yearsAgo(8),
      guarantor: { kind: 'patient', patientId: duplicate.id, relationship: 'father' },
    });
    const before = await snapshot(core);

    const { mergeId, survivor: merged } = await call(core, 'admin', 'patients.merge', { survivorId: survivor.id, duplicateId: duplicate.id });
    expect(merged).toMatchObject({
      id: survivor.id,
      givenNames: 'José',
      document: { number: '12345678-5' },
      email: 'jose@example.cl',
      address: { street: 'Av. Grecia 1234', district: 'Ñuñoa' },
      coverage: { kind: 'fonasa', tramo: 'B' },
      hasPhoto: true,
      // No allergy is hidden by a merge: the duplicate's badges count until a version is recorded on the survivor.
      alerts: ['allergy_penicillin', 'allergy_latex', 'diabetes'],
    });
    expect(merged.phones.map((p) => [p.e164, p.whatsapp])).toEqual([
      ['+56987654321', true],
      ['+56955551234', false],
    ]);
    expect(merged.family.map((f) => [f.id, f.relationship])).toEqual([[child.id, 'child']]);
    // The history reads as one, oldest first by when each answer was given.
    const history = await call(core, 'admin', 'patients.medicalHistory.list', { patientId: survivor.id });
    expect(history.map((v) => [v.version, v.alerts])).toEqual([
      [3, ['allergy_penicillin', 'diabetes']],
      [2, ['allergy_penicillin']],
      [1, ['allergy_latex']],
    ]);
    const childRecord = await call(core, 'admin', 'patients.get', { id: child.id });
    expect(childRecord.guarantor).toEqual({ kind: 'patient', patientId: survivor.id, relationship: 'father' });
    // The duplicate is gone from search; an old link to it opens the survivor.
    expect((await call(core, 'admin', 'patients.search', { query: 'gonzalez' })).map((r) => r.id).sort()).toEqual([survivor.id, child.id].sort());
    expect((await call(core, 'admin', 'patients.search', { query: '12.345.678-5' }))[0]!.id).toBe(survivor.id);
    expect((await call(core, 'admin', 'patients.get', { id: duplicate.id })).id).toBe(survivor.id);
    const db = core.vault.store().db;
    const tombstone = await db.selectFrom('patients').selectAll().where('id', '=', duplicate.id).executeTakeFirstOrThrow();
    expect(tombstone).toMatchObject({ merged_into_id: survivor.id, document_number: null });
    expect(tombstone.deleted_at).not.toBeNull();

    expect(await call(core, 'admin', 'patients.undoMerge', { mergeId })).toEqual({ restoredId: duplicate.id });
    expect(await snapshot(core)).toEqual(before);
    expect((await call(core, 'admin', 'patients.get', { id: survivor.id })).alerts).toEqual(['allergy_latex']);
    expect((await call(core, 'admin', 'patients.medicalHistory.list', { patientId: survivor.id })).map((v) => v.version)).toEqual([1]);

    const actions = await db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'in', ['patients.merge', 'patients.undoMerge']).orderBy('seq').execute();
    expect(actions).toEqual([
      { action: 'patients.merge', entity_id: survivor.id },
      { action: 'patients.undoMerge', entity_id: duplicate.id },
    ]);
    // Every change went through the outbox, so the other workstations merge and unmerge too.
    const outbox = await db.selectFrom('sync_outbox').select('table_name').where('row_id', '=', mergeId).execute();
    expect(outbox.length).toBe(2);
  });

  it('lets a version recorded after the merge settle the badges', async () => {
    const { core } = await setUpPractice();
    const desk = await signedIn(core, 'receptionist', 'recepcion');
    const survivor = await createPatient(core, { givenNames: 'Ana' }, { alerts: ['allergy_latex'] });
    const duplicate = await createPatient(core, { givenNames: 'Ana', secondSurname: '' }, { alerts: ['pregnancy'] });
    await call(core, desk, 'patients.merge', { survivorId: survivor.id, duplicateId: duplicate.id });
    expect((await call(core, desk, 'patients.get', { id: survivor.id })).alerts).toEqual(['allergy_latex', 'pregnancy']);
    expect(await call(core, desk, 'patients.setAlerts', { patientId: survivor.id, alerts: ['allergy_latex'] })).toEqual({ alerts: ['allergy_latex'] });
    const [result] = await call(core, desk, 'patients.search', { query: 'ana fuentes' });
    expect(result!.alerts).toEqual(['allergy_latex']);
  });

  it('refuses merging a record into itself, into a merged one, or across different documents', async () => {
    const { core } = await setUpPractice();
    const a = await createPatient(core, { document: { type: 'RUT', number: rut(11_111_111) } });
    const b = await createPatient(core, { document: { type: 'RUT', number: rut(22_222_222) } });
    const c = await createPatient(core, { givenNames: 'Camila' });
    const refused = async (survivorId: string, duplicateId: string) => callError(core, 'admin', 'patients.merge', { survivorId, duplicateId });
    expect(await refused(a.id, a.id)).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.MERGE_SAME_PATIENT' });
    const before = await snapshot(core);
    expect(await refused(a.id, b.id)).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.MERGE_DIFFERENT_DOCUMENTS' });
    expect(await snapshot(core)).toEqual(before);
    await call(core, 'admin', 'patients.merge', { survivorId: a.id, duplicateId: c.id });
    expect(await refused(b.id, c.id)).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.MERGE_INACTIVE' });
    expect(await refused(c.id, b.id)).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.MERGE_INACTIVE' });
    expect((await refused('nobody', b.id)).code).toBe('NOT_FOUND');
  });

  it('undoes merges latest first, once, and keeps edits made since', async () => {
    const { core } = await setUpPractice();
    const a = await createPatient(core, { givenNames: 'Ana' });
    const b = await createPatient(core, { givenNames: 'Beatriz', email: 'b@example.cl' });
    const c = await createPatient(core, { givenNames: 'Carla' });
    const start = await snapshot(core);
    const first = await call(core, 'admin', 'patients.merge', { survivorId: a.id, duplicateId: b.id });
    const second = await call(core, 'admin', 'patients.merge', { survivorId: c.id, duplicateId: a.id });
    expect(second.survivor.email).toBe('b@example.cl');
    expect(await callError(core, 'admin', 'patients.undoMerge', { mergeId: first.mergeId })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.MERGE_UNDO_LATER_FIRST' });
    await call(core, 'admin', 'patients.undoMerge', { mergeId: second.mergeId });
    expect(await callError(core, 'admin', 'patients.undoMerge', { mergeId: second.mergeId })).toMatchObject({ messageKey: 'errors.MERGE_ALREADY_UNDONE' });

    // Someone corrects the e-mail the merge filled in; undo leaves their correction.
    await call(core, 'admin', 'patients.update', { id: a.id, draft: { givenNames: 'Ana', firstSurname: 'Fuentes', secondSurname: 'Araya', birthDate: '1990-04-12', email: 'ana@example.cl' } });
    await call(core, 'admin', 'patients.undoMerge', { mergeId: first.mergeId });
    const after = await snapshot(core);
    expect(after.patients.find((p) => p.id === a.id)!.email).toBe('ana@example.cl');
    const withoutA = (s: typeof start) => s.patients.filter((p) => p.id !== a.id);
    expect(withoutA(after)).toEqual(withoutA(start));
  });

  it("refuses to undo when the duplicate's document went to someone else since", async () => {
    const { core } = await setUpPractice();
    const a = await createPatient(core, { givenNames: 'Ana' });
    const b = await createPatient(core, { givenNames: 'Ana', secondSurname: '', document: { type: 'RUT', number: rut(12_345_678) } });
    const { mergeId } = await call(core, 'admin', 'patients.merge', { survivorId: a.id, duplicateId: b.id });
    await call(core, 'admin', 'patients.update', { id: a.id, draft: { givenNames: 'Ana', firstSurname: 'Fuentes', secondSurname: 'Araya', birthDate: '1990-04-12' } });
    await createPatient(core, { givenNames: 'Rosa', firstSurname: 'Tapia', document: { type: 'RUT', number: rut(12_345_678) } });
    const before = await snapshot(core);
    expect(await callError(core, 'admin', 'patients.undoMerge', { mergeId })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'errors.DOCUMENT_TAKEN',
      params: { name: 'Rosa Tapia Araya' },
    });
    expect(await snapshot(core)).toEqual(before);
  });

  it('restores every configuration exactly (property)', async () => {
    const { core } = await setUpPractice();
    const numbers = ['9 8765 4321', '9 5555 1234', '2 2345 6789', '9 7777 8888'];
    const phonesArb = fc
      .tuple(fc.subarray(numbers, { maxLength: 3 }), fc.nat())
      .map(([chosen, w]) => chosen.map((number, i) => ({ number, whatsapp: chosen.length > 0 && i === w % chosen.length })));
    const side = fc.record({
      document: fc.boolean(),
      phones: phonesArb,
      email: fc.boolean(),
      birthDate: fc.constantFrom<'adult' | 'minor' | 'none'>('adult', 'minor', 'none'),
      address: fc.boolean(),
      coverage: fc.boolean(),
      history: fc.nat({ max: 2 }),
      photo: fc.boolean(),
    });
    let run = 0;
    let merged = 0;
    await fc.assert(
      fc.asyncProperty(side, side, fc.nat({ max: 2 }), fc.boolean(), async (s, d, dependants, survivorAnsweredByDuplicate) => {
        run++;
        const draftOf = (cfg: typeof s, name: string, body: number): PatientDraft => ({
          givenNames: name,
          firstSurname: 'Prop',
          secondSurname: `Run${run}`,
          document: cfg.document ? { type: 'RUT', number: rut(body) } : null,
          phones: cfg.phones,
          email: cfg.email ? `${name.toLowerCase()}${run}@example.cl` : '',
          birthDate: cfg.birthDate === 'adult' ? '1970-01-01' : cfg.birthDate === 'minor' ? yearsAgo(10) : null,
          address: cfg.address ? { street: `Calle ${name} ${run}` } : null,
          coverage: cfg.coverage ? { kind: 'isapre', isapre: 'Colmena' } : { kind: 'none' },
          guarantor: cfg.birthDate === 'minor' ? { kind: 'person', name: `Apoderado ${name}` } : { kind: 'self' },
        });
        const dup = await createPatient(core, draftOf(d, 'Duplicado', 30_000_000 + run * 2));
        const survivorDraft = draftOf(s, 'Sobreviviente', 30_000_001 + run * 2);
        if (survivorAnsweredByDuplicate) survivorDraft.guarantor = { kind: 'patient', patientId: dup.id, relationship: 'spouse' };
        const sur = await createPatient(core, survivorDraft);
        for (const [patient, cfg] of [
          [sur, s],
          [dup, d],
        ] as const) {
          for (let v = 0; v < cfg.history; v++) {
            await call(core, 'admin', 'patients.medicalHistory.record', { patientId: patient.id, history: { alerts: v === 0 ? ['asthma'] : ['diabetes'], notes: `v${v}` } });
          }
          if (cfg.photo) await setPhoto(core, patient.id, patient === sur ? JPEG : PNG, patient === sur ? 'image/jpeg' : 'image/png');
        }
        for (let i = 0; i < dependants; i++) {
          await createPatient(core, { givenNames: `Hijo${i}`, firstSurname: 'Prop', birthDate: yearsAgo(5), guarantor: { kind: 'patient', patientId: dup.id, relationship: 'mother' } });
        }

        const before = await snapshot(core);
        const result = await core.dispatch('patients.merge', { survivorId: sur.id, duplicateId: dup.id }, 'admin');
        if (s.document && d.document) {
          expect(result.ok).toBe(false);
          expect(await snapshot(core)).toEqual(before);
          return;
        }
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const { mergeId, survivor } = result.value as { mergeId: string; survivor: { phones: { whatsapp: boolean }[]; document: unknown } };
        expect(survivor.phones.filter((p) => p.whatsapp).length).toBeLessThanOrEqual(1);
        expect(survivor.document !== null).toBe(s.document || d.document);
        await call(core, 'admin', 'patients.undoMerge', { mergeId });
        expect(await snapshot(core)).toEqual(before);
        merged++;
      }),
      { numRuns: 25 },
    );
    expect(merged).toBeGreaterThan(10);
  });
});
