import { describe, expect, it } from 'vitest';
import { call, callError } from '../support/practice';
import { type ChairsideFixture, chairsideFixture, count, signIn } from './chairside-support';

const soap = (text: string) => ({ sections: [{ key: 'S', heading: 'Subjetivo', text }] });

async function draftBy(f: ChairsideFixture, connection: string) {
  return call(f.core, connection, 'notes.saveDraft', { patientId: f.camila.id, baseVersionId: null, visitDate: '2026-03-04', content: soap('Control de 36.') });
}

async function clinicians(f: ChairsideFixture) {
  const assistant = await signIn(f.core, 'assistant', 'asis');
  const otherDentist = await signIn(f.core, 'dentist', 'dr.otro');
  return { assistant, otherDentist };
}

const allowCoSign = (f: ChairsideFixture, allowed: boolean) => call(f.core, 'admin', 'chairside.settings.update', { allowCoSign: allowed });

describe('a clinical draft belongs to its author', () => {
  it('lets only the author edit or discard a draft note, for every other clinical role, writing nothing when refused', async () => {
    const f = await chairsideFixture();
    const { assistant, otherDentist } = await clinicians(f);
    const { note, versionId } = await draftBy(f, f.hygienist);
    const versions = await count(f.core, 'clinical_note_versions');
    for (const other of [f.dentist, assistant, otherDentist]) {
      const edit = await callError(f.core, other, 'notes.saveDraft', { patientId: f.camila.id, noteId: note.id, baseVersionId: versionId, content: soap('Otro texto') });
      expect(edit).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.DRAFT_NOT_AUTHOR', params: { author: 'Test hygienist' } });
      expect(await callError(f.core, other, 'notes.discardDraft', { noteId: note.id })).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.DRAFT_NOT_AUTHOR' });
    }
    expect(await count(f.core, 'clinical_note_versions')).toBe(versions);
    // Reading it is still everyone's.
    expect((await call(f.core, f.dentist, 'notes.get', { noteId: note.id })).status).toBe('draft');
    const saved = await call(f.core, f.hygienist, 'notes.saveDraft', { patientId: f.camila.id, noteId: note.id, baseVersionId: versionId, content: soap('Control de 36, sin dolor.') });
    expect(saved.conflict).toBe(false);
  });

  it('lets only the author sign, or a dentist once the practice allows co-signing; anyone adds addenda after', async () => {
    const f = await chairsideFixture();
    const { assistant, otherDentist } = await clinicians(f);
    const { note, versionId } = await draftBy(f, f.hygienist);
    for (const other of [f.dentist, assistant, otherDentist]) {
      expect(await callError(f.core, other, 'notes.sign', { noteId: note.id, versionId })).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.SIGN_NOT_AUTHOR' });
    }
    await allowCoSign(f, true);
    // Co-signing is a dentist's: an assistant still cannot, nor can the hygienist sign the dentist's draft.
    expect(await callError(f.core, assistant, 'notes.sign', { noteId: note.id, versionId })).toMatchObject({ messageKey: 'errors.SIGN_NOT_AUTHOR' });
    const dentistsDraft = await draftBy(f, f.dentist);
    expect(await callError(f.core, f.hygienist, 'notes.sign', { noteId: dentistsDraft.note.id, versionId: dentistsDraft.versionId })).toMatchObject({
      messageKey: 'errors.SIGN_NOT_AUTHOR',
    });
    // Co-signing never lets anyone rewrite it.
    expect(await callError(f.core, otherDentist, 'notes.saveDraft', { patientId: f.camila.id, noteId: note.id, baseVersionId: versionId, content: soap('x') })).toMatchObject({
      messageKey: 'errors.DRAFT_NOT_AUTHOR',
    });
    const signed = await call(f.core, otherDentist, 'notes.sign', { noteId: note.id, versionId });
    expect(signed).toMatchObject({ status: 'signed', signedByName: 'Test dentist' });
    const withAddendum = await call(f.core, assistant, 'notes.addAddendum', { noteId: note.id, text: 'Se citó a control en 6 meses.' });
    expect(withAddendum.addenda).toMatchObject([{ signedByName: 'Test assistant' }]);
  });

  it('holds for perio exams too', async () => {
    const f = await chairsideFixture();
    const { assistant, otherDentist } = await clinicians(f);
    const { exam } = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id, date: '2026-03-04' });
    const content = { date: '2026-03-04', teeth: exam.teeth, missing: exam.missing, readings: { '3': { sites: { MB: { pd: 4 } } } } };
    for (const other of [f.dentist, assistant, otherDentist]) {
      expect(await callError(f.core, other, 'perio.exam.save', { examId: exam.id, revision: exam.revision, exam: content })).toMatchObject({
        code: 'FORBIDDEN',
        messageKey: 'errors.DRAFT_NOT_AUTHOR',
      });
      expect(await callError(f.core, other, 'perio.exam.discard', { examId: exam.id })).toMatchObject({ messageKey: 'errors.DRAFT_NOT_AUTHOR' });
    }
    const saved = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: exam.revision, exam: content });
    expect(await callError(f.core, f.dentist, 'perio.exam.sign', { examId: saved.id, revision: saved.revision })).toMatchObject({ messageKey: 'errors.SIGN_NOT_AUTHOR' });
    await allowCoSign(f, true);
    expect(await callError(f.core, assistant, 'perio.exam.sign', { examId: saved.id, revision: saved.revision })).toMatchObject({ messageKey: 'errors.SIGN_NOT_AUTHOR' });
    expect(await call(f.core, f.dentist, 'perio.exam.sign', { examId: saved.id, revision: saved.revision })).toMatchObject({ status: 'signed', signedByName: 'Test dentist' });
  });
});
