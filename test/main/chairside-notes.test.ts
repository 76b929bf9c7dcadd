import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../src/shared/contract';
import { call, callError } from '../support/practice';
import { type ChairsideFixture, chairsideFixture, count, lastAudit } from './chairside-support';

type Content = CallInput<'notes.saveDraft'>['content'];

function soap(subjective: string, plan = 'Control en 6 meses.'): Content {
  return {
    sections: [
      { key: 'subjective', heading: 'Subjetivo', text: subjective },
      { key: 'objective', heading: 'Objetivo', text: 'Caries oclusal en 36.' },
      { key: 'assessment', heading: 'Análisis', text: 'Caries dentinaria.' },
      { key: 'plan', heading: 'Plan', text: plan },
    ],
  };
}

/** The dentist signed in on a second connection: the same author at another computer. */
async function secondDesk(f: ChairsideFixture): Promise<string> {
  await call(f.core, 'dra-2', 'auth.signIn', { username: f.dentist, password: 'user-password-1' });
  return 'dra-2';
}

async function newNote(f: ChairsideFixture, connection = f.dentist) {
  return call(f.core, connection, 'notes.saveDraft', {
    patientId: f.camila.id,
    baseVersionId: null,
    templateId: 'note-template:soap:es',
    visitDate: '2026-03-04',
    content: soap('Dolor al frío en 36.'),
  });
}

describe('note templates', () => {
  it('start as SOAP (and a procedure note) in Spanish and English, and the practice edits them', async () => {
    const f = await chairsideFixture();
    const es = await call(f.core, f.dentist, 'notes.templates.list', { language: 'es' });
    const en = await call(f.core, f.dentist, 'notes.templates.list', { language: 'en' });
    expect(es.map((t) => t.name)).toEqual(['Evolución SOAP', 'Nota de procedimiento']);
    expect(en.map((t) => t.name)).toEqual(['SOAP progress note', 'Procedure note']);
    expect(es[0]!.sections.map((s) => s.heading)).toEqual(['Subjetivo', 'Objetivo', 'Análisis', 'Plan']);
    expect(en[0]!.sections.map((s) => s.heading)).toEqual(['Subjective', 'Objective', 'Assessment', 'Plan']);
    expect(es[0]).toMatchObject({ isDefault: true, id: 'note-template:soap:es' });

    const edited = await call(f.core, f.dentist, 'notes.templates.save', { ...es[0]!, sections: [...es[0]!.sections, { key: 'next', heading: 'Próxima cita', placeholder: '' }] });
    expect(edited.sections.map((s) => s.key)).toEqual(['subjective', 'objective', 'assessment', 'plan', 'next']);
    const urgent = await call(f.core, f.dentist, 'notes.templates.save', { name: 'Urgencia', language: 'es', sections: [{ key: 'motivo', heading: 'Motivo', placeholder: '' }] });
    expect((await call(f.core, f.hygienist, 'notes.templates.list', { language: 'es' })).map((t) => t.id)).toContain(urgent.id);
    const duplicate = await callError(f.core, f.dentist, 'notes.templates.save', { name: 'Mal', language: 'es', sections: [{ key: 'a', heading: 'A' }, { key: 'a', heading: 'B' }] });
    expect(duplicate).toMatchObject({ code: 'VALIDATION', fields: { 'sections.1.key': 'validation.templateSectionKey' } });
    expect((await callError(f.core, f.receptionist, 'notes.templates.list', {})).code).toBe('FORBIDDEN');
  });
});

describe('progress notes', () => {
  it('are drafts linked to procedures and teeth, then signed and locked: after that only signed addenda', async () => {
    const f = await chairsideFixture();
    const filling = await call(f.core, f.dentist, 'chart.apply', {
      patientId: f.camila.id,
      action: { type: 'recordFinding', area: { kind: 'surface', tooth: '19', surfaces: 'O' }, code: 'RES-C1', status: 'completed' },
    });
    f.events.length = 0;
    const first = await call(f.core, f.dentist, 'notes.saveDraft', {
      patientId: f.camila.id,
      baseVersionId: null,
      templateId: 'note-template:soap:es',
      content: soap('Dolor al frío en 36.'),
      links: { teeth: ['19'], findingIds: [filling.events[0]!.id] },
    });
    expect(first.conflict).toBe(false);
    expect(first.note).toMatchObject({ status: 'draft', title: 'Evolución SOAP', conflict: false, signedVersion: null });
    expect(first.note.heads[0]!.links).toEqual({ teeth: ['19'], findingIds: [filling.events[0]!.id], chartEventIds: [] });
    expect(f.events).toEqual([{ name: 'chairside.changed', payload: { patientIds: [f.camila.id], areas: ['notes'] } }]);

    const second = await call(f.core, f.dentist, 'notes.saveDraft', {
      patientId: f.camila.id,
      noteId: first.note.id,
      baseVersionId: first.versionId,
      content: soap('Dolor al frío en 36 desde hace una semana.'),
      links: { teeth: ['19'], findingIds: [filling.events[0]!.id] },
    });
    expect(second.note.heads.map((h) => h.id)).toEqual([second.versionId]);
    expect(second.note.versions.map((v) => v.id)).toEqual([first.versionId, second.versionId]);

    // Only the latest version can be signed, and an empty one not at all.
    expect((await callError(f.core, f.dentist, 'notes.sign', { noteId: first.note.id, versionId: first.versionId })).messageKey).toBe('errors.NOTE_STALE');
    expect((await callError(f.core, f.dentist, 'notes.addAddendum', { noteId: first.note.id, text: 'Antes de firmar' })).messageKey).toBe('errors.NOTE_NOT_SIGNED');
    const signed = await call(f.core, f.dentist, 'notes.sign', { noteId: first.note.id, versionId: second.versionId });
    expect(signed).toMatchObject({ status: 'signed', signedByName: 'Test dentist', signedVersion: { id: second.versionId } });

    const edit = await callError(f.core, f.dentist, 'notes.saveDraft', { patientId: f.camila.id, noteId: first.note.id, baseVersionId: second.versionId, content: soap('Cambio tardío') });
    expect(edit).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.NOTE_SIGNED' });
    const withAddendum = await call(f.core, f.hygienist, 'notes.addAddendum', { noteId: first.note.id, text: 'Paciente llamó: sin dolor.' });
    expect(withAddendum.addenda).toMatchObject([{ text: 'Paciente llamó: sin dolor.', signedByName: 'Test hygienist' }]);
    expect(withAddendum.addenda[0]!.signedAt).toMatch(/Z$/);

    // The database itself keeps the signed note, its versions and addenda as they are.
    const db = f.core.vault.store().db;
    await expect(sql`UPDATE clinical_notes SET title = 'x' WHERE id = ${first.note.id}`.execute(db)).rejects.toThrow(/addenda only/);
    await expect(sql`UPDATE clinical_note_versions SET content = '{}' WHERE id = ${second.versionId}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM clinical_note_addenda`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      sql`INSERT INTO clinical_note_versions (id, note_id, patient_id, parent_ids, content, links, saved_at) VALUES ('x', ${first.note.id}, ${f.camila.id}, '[]', '{}', '{}', 'now')`.execute(db),
    ).rejects.toThrow(/addenda only/);

    const [summary] = await call(f.core, f.dentist, 'notes.list', { patientId: f.camila.id });
    expect(summary).toMatchObject({ id: first.note.id, status: 'signed', addenda: 1, teeth: ['19'], conflict: false, authorNames: ['Test dentist'] });
    expect(summary!.snippet).toMatch(/^Dolor al frío en 36 desde hace una semana/);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'notes.list', entity_id: f.camila.id });
  });

  it('keep both versions when the author saves the same draft from two workstations, until she merges them', async () => {
    const f = await chairsideFixture();
    const otherDesk = await secondDesk(f);
    const start = await newNote(f);
    const base = start.versionId;
    // She had version 1 open on two computers, and saves on both at the same moment.
    const [dentistSave, otherSave] = await Promise.all([
      call(f.core, f.dentist, 'notes.saveDraft', { patientId: f.camila.id, noteId: start.note.id, baseVersionId: base, content: soap('Texto de la doctora') }),
      call(f.core, otherDesk, 'notes.saveDraft', { patientId: f.camila.id, noteId: start.note.id, baseVersionId: base, content: soap('Texto del otro equipo') }),
    ]);
    // Whichever committed second saw the other: one of the two answers reports the conflict.
    expect([dentistSave.conflict, otherSave.conflict].sort()).toEqual([false, true]);
    expect(await count(f.core, 'clinical_note_versions')).toBe(3);

    const note = await call(f.core, f.dentist, 'notes.get', { noteId: start.note.id });
    expect(note.conflict).toBe(true);
    expect(note.heads.map((h) => h.id).sort()).toEqual([dentistSave.versionId, otherSave.versionId].sort());
    expect(note.heads.map((h) => h.content.sections[0]!.text).sort()).toEqual(['Texto de la doctora', 'Texto del otro equipo']);
    expect(note.heads.map((h) => h.authorName)).toEqual(['Test dentist', 'Test dentist']);
    expect(note.heads.every((h) => h.parentIds[0] === base)).toBe(true);
    expect((await call(f.core, f.dentist, 'notes.list', { patientId: f.camila.id }))[0]!.conflict).toBe(true);
    // It cannot be signed while two texts stand.
    expect(await callError(f.core, f.dentist, 'notes.sign', { noteId: start.note.id, versionId: dentistSave.versionId })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'errors.NOTE_CONFLICT',
      params: { versions: 2 },
    });

    // The author merges: a version from hers that names the other as resolved. Nothing was lost on the way.
    const merged = await call(f.core, f.dentist, 'notes.saveDraft', {
      patientId: f.camila.id,
      noteId: start.note.id,
      baseVersionId: dentistSave.versionId,
      resolves: [otherSave.versionId],
      content: soap('Texto de la doctora. Texto del otro equipo'),
    });
    expect(merged.conflict).toBe(false);
    expect(merged.note.heads.map((h) => h.parentIds)).toEqual([[dentistSave.versionId, otherSave.versionId]]);
    expect(merged.note.versions).toHaveLength(4);
    expect((await call(f.core, f.dentist, 'notes.sign', { noteId: start.note.id, versionId: merged.versionId })).status).toBe('signed');
  });

  it('shows the conflict to the second save on sequential saves, and does not save a retry twice', async () => {
    const f = await chairsideFixture();
    const otherDesk = await secondDesk(f);
    const start = await newNote(f);
    const versionId = uuidv7();
    const mine = await call(f.core, otherDesk, 'notes.saveDraft', { patientId: f.camila.id, noteId: start.note.id, versionId, baseVersionId: start.versionId, content: soap('Uno') });
    expect(mine.conflict).toBe(false);
    const retry = await call(f.core, otherDesk, 'notes.saveDraft', { patientId: f.camila.id, noteId: start.note.id, versionId, baseVersionId: start.versionId, content: soap('Uno') });
    expect(retry).toMatchObject({ versionId, conflict: false });
    const late = await call(f.core, f.dentist, 'notes.saveDraft', { patientId: f.camila.id, noteId: start.note.id, baseVersionId: start.versionId, content: soap('Dos') });
    expect(late.conflict).toBe(true);
    expect(late.note.heads.map((h) => h.content.sections[0]!.text)).toEqual(['Dos', 'Uno']);
    expect(await count(f.core, 'clinical_note_versions')).toBe(3);
    // Choosing one text as it was also resolves.
    const chosen = await call(f.core, f.dentist, 'notes.saveDraft', { patientId: f.camila.id, noteId: start.note.id, baseVersionId: mine.versionId, resolves: [late.versionId], content: soap('Uno') });
    expect(chosen.note.conflict).toBe(false);
  });

  it('refuse links to another patient’s chart and unknown versions', async () => {
    const f = await chairsideFixture();
    const other = await call(f.core, 'admin', 'patients.create', { draft: { givenNames: 'Tomás', firstSurname: 'Núñez' } });
    const theirs = await call(f.core, f.dentist, 'chart.apply', { patientId: other.id, action: { type: 'setToothState', tooth: '3', state: 'crown' } });
    const link = await callError(f.core, f.dentist, 'notes.saveDraft', { patientId: f.camila.id, baseVersionId: null, content: soap('x'), links: { findingIds: [theirs.events[0]!.id] } });
    expect(link).toMatchObject({ code: 'VALIDATION', fields: { 'links.findingIds.0': 'validation.noteLink' } });
    const start = await newNote(f);
    const unknown = await callError(f.core, f.dentist, 'notes.saveDraft', { patientId: f.camila.id, noteId: start.note.id, baseVersionId: 'nope', content: soap('x') });
    expect(unknown).toMatchObject({ code: 'VALIDATION', fields: { baseVersionId: 'validation.noteVersionUnknown' } });
    const wrongPatient = await callError(f.core, f.dentist, 'notes.saveDraft', { patientId: other.id, noteId: start.note.id, baseVersionId: start.versionId, content: soap('x') });
    expect(wrongPatient).toMatchObject({ code: 'VALIDATION', fields: { noteId: 'validation.notePatient' } });
  });

  it('come with the chart and the latest perio exam when a patient is opened at the chair, audited once', async () => {
    const f = await chairsideFixture();
    await call(f.core, f.dentist, 'chart.apply', { patientId: f.camila.id, action: { type: 'setToothState', tooth: '1', state: 'missing' } });
    const { exam } = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id });
    await newNote(f);
    const audits = await count(f.core, 'audit_log');
    const opened = await call(f.core, f.dentist, 'chairside.open', { patientId: f.camila.id });
    expect(opened.chart.absentTeeth).toEqual(['1']);
    expect(opened.perio).toMatchObject({ id: exam.id, status: 'draft', missing: ['1'] });
    expect(opened.notes.map((n) => n.status)).toEqual(['draft']);
    expect(await count(f.core, 'audit_log')).toBe(audits + 1);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'chairside.open', entity: 'patient', entity_id: f.camila.id });
    expect(await callError(f.core, f.receptionist, 'chairside.open', { patientId: f.camila.id })).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'clinical.read' } });
  });

  it('are refused to a receptionist by main', async () => {
    const f = await chairsideFixture();
    const start = await newNote(f);
    const list = await callError(f.core, f.receptionist, 'notes.list', { patientId: f.camila.id });
    expect(list).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', params: { permission: 'clinical.read' } });
    expect(await callError(f.core, f.receptionist, 'notes.get', { noteId: start.note.id })).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'clinical.read' } });
    expect(await callError(f.core, f.receptionist, 'notes.saveDraft', { patientId: f.camila.id, baseVersionId: null, content: soap('x') })).toMatchObject({
      code: 'FORBIDDEN',
      params: { permission: 'clinical.write' },
    });
    expect(await callError(f.core, f.receptionist, 'chairside.print', { kind: 'note', patientId: f.camila.id, noteId: start.note.id })).toMatchObject({ code: 'FORBIDDEN' });
    // Nothing of the refused calls was read or written.
    expect(await count(f.core, 'clinical_note_versions')).toBe(1);
  });
});
