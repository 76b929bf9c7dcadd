import { requireDraftAuthor } from '../draft-authorship';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { NoteDetail, noteContentSchema, noteSummarySchema, noteTemplateSchema, noteVersionSchema } from '../../../shared/contract/chairside';
import { AppError } from '../../../shared/contract/errors';
import type { Language } from '../../../shared/i18n/languages';
import type { ClinicalNoteAddendaTable, ClinicalNotesTable, ClinicalNoteVersionsTable, NoteTemplatesTable } from '../../db/schema';
import { type Db, userNames } from '../../patients/patients-repository';
import type { Actor, Store } from '../../store/store';
import { type PatientScope, conflict, parseJson, patientScope, practiceClock, validation } from '../chairside-common';
import { ensureChairsideSeed } from '../chairside-seed';
import type { TemplateSection } from './default-templates';
import {
  addendumRowsOf,
  findAddendumRow,
  findNoteRow,
  findTemplateRow,
  findVersionRow,
  noteRowsOf,
  templateRows,
  versionRowsOf,
  versionRowsOfPatients,
} from './notes-repository';

/*
 * Progress notes. A note is a record (visit date, appointment, title, draft or
 * signed) whose text lives in versions, each an append-only fact naming the
 * version(s) it was edited from. That graph is the concurrency design:
 *
 *   - saving a draft always appends a version whose first parent is the
 *     version the author was editing (the base);
 *   - the note's current text is its head: the version no other names as a
 *     parent. Normally there is one;
 *   - when two people edit from the same base (two chairs, or two
 *     workstations offline that sync later), both versions are kept, the
 *     note has two heads and is marked `conflict`. Nothing is overwritten;
 *   - the author resolves it by saving a version that names the other head(s)
 *     in `resolves` (the merged text, or one of the two as it was): the graph
 *     has one head again.
 * The conflict is computed from the versions rather than stored as a flag, so
 * versions that arrive through sync, from a workstation that knew nothing of
 * the other, show the conflict just the same.
 *
 * Signing names the version signed, which must be the only head; a signed
 * note refuses new versions and edits (the database enforces both) and takes
 * addenda only, each signed by its author as it is added.
 */

type NoteContent = z.output<typeof noteContentSchema>;
type NoteLinks = { teeth: string[]; findingIds: string[]; chartEventIds: string[] };
type NoteVersion = z.output<typeof noteVersionSchema>;
type NoteSummary = z.output<typeof noteSummarySchema>;
type NoteTemplate = z.output<typeof noteTemplateSchema>;

const EMPTY_LINKS: NoteLinks = { teeth: [], findingIds: [], chartEventIds: [] };

/** The versions no other version names as a parent, newest first. */
export function headsOf<T extends Pick<ClinicalNoteVersionsTable, 'id' | 'parent_ids' | 'saved_at'>>(versions: readonly T[]): T[] {
  const named = new Set<string>();
  for (const v of versions) for (const parent of parseJson<string[]>(v.parent_ids, [])) named.add(parent);
  return versions
    .filter((v) => !named.has(v.id))
    .sort((a, b) => (a.saved_at === b.saved_at ? (a.id < b.id ? 1 : -1) : a.saved_at < b.saved_at ? 1 : -1));
}

function toVersion(row: ClinicalNoteVersionsTable, names: Map<string, string>): NoteVersion {
  return {
    id: row.id,
    parentIds: parseJson<string[]>(row.parent_ids, []),
    content: parseJson<NoteContent>(row.content, { sections: [] }),
    links: { ...EMPTY_LINKS, ...parseJson<Partial<NoteLinks>>(row.links, {}) },
    authorId: row.author_id,
    authorName: row.author_id ? (names.get(row.author_id) ?? null) : null,
    savedAt: row.saved_at,
  };
}

function toDetail(
  note: ClinicalNotesTable,
  patientId: string,
  versions: ClinicalNoteVersionsTable[],
  addenda: ClinicalNoteAddendaTable[],
  names: Map<string, string>,
): NoteDetail {
  const heads = headsOf(versions);
  const signed = note.signed_version_id ? versions.find((v) => v.id === note.signed_version_id) : undefined;
  return {
    id: note.id,
    patientId,
    appointmentId: note.appointment_id,
    visitDate: note.visit_date,
    templateId: note.template_id,
    title: note.title,
    status: note.status === 'signed' ? 'signed' : 'draft',
    conflict: note.status !== 'signed' && heads.length > 1,
    heads: heads.map((v) => toVersion(v, names)),
    versions: versions.map((v) => {
      const { content: _c, links: _l, ...meta } = toVersion(v, names);
      return meta;
    }),
    signedVersion: signed ? toVersion(signed, names) : null,
    signedAt: note.signed_at,
    signedBy: note.signed_by,
    signedByName: note.signed_by ? (names.get(note.signed_by) ?? null) : null,
    addenda: addenda.map((a) => ({
      id: a.id,
      text: a.text,
      signedBy: a.signed_by,
      signedByName: a.signed_by ? (names.get(a.signed_by) ?? null) : null,
      signedAt: a.signed_at,
    })),
    createdAt: note.created_at,
    createdBy: note.created_by,
    updatedAt: note.updated_at,
  };
}

async function detailOf(db: Db, note: ClinicalNotesTable): Promise<NoteDetail> {
  const scope = await patientScope(db, note.patient_id);
  const [versions, addenda] = await Promise.all([versionRowsOf(db, [note.id]), addendumRowsOf(db, [note.id])]);
  const names = await userNames(db, [
    ...versions.flatMap((v) => (v.author_id ? [v.author_id] : [])),
    ...addenda.flatMap((a) => (a.signed_by ? [a.signed_by] : [])),
    ...(note.signed_by ? [note.signed_by] : []),
  ]);
  return toDetail(note, scope.patient.id, versions, addenda, names);
}

async function requireNote(db: Db, noteId: string): Promise<ClinicalNotesTable> {
  const note = await findNoteRow(db, noteId);
  if (!note) throw new AppError('NOT_FOUND');
  return note;
}

/* ---------------------------------------------------------------- reading */

/** A note without auditing (the caller audits what it does with it), and the patient it was recorded for. */
export async function noteDetailById(db: Db, noteId: string): Promise<{ detail: NoteDetail; storedPatientId: string }> {
  const note = await requireNote(db, noteId);
  return { detail: await detailOf(db, note), storedPatientId: note.patient_id };
}

export async function getNote(store: Store, actor: Actor, noteId: string): Promise<NoteDetail> {
  const note = await requireNote(store.db, noteId);
  const detail = await detailOf(store.db, note);
  return store.readAudited(actor, { action: 'notes.view', entity: 'patient', entityId: detail.patientId, details: { noteId } }, async () => detail);
}

function plainText(content: NoteContent): string {
  return content.sections
    .map((s) => s.text.trim())
    .filter(Boolean)
    .join(' · ')
    .replace(/\s+/g, ' ');
}

export async function listNotes(store: Store, actor: Actor, patientId: string): Promise<NoteSummary[]> {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'notes.list', entity: 'patient', entityId: scope.patient.id }, (db) => noteSummaries(db, scope));
}

/** The patient's notes as the list shows them, newest visit first (not audited: the caller does). */
export async function noteSummaries(db: Db, scope: PatientScope): Promise<NoteSummary[]> {
  {
    const [notes, versions] = await Promise.all([noteRowsOf(db, scope.ids), versionRowsOfPatients(db, scope.ids)]);
    const addendaCounts = notes.length
      ? await db
          .selectFrom('clinical_note_addenda')
          .select(['note_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where(
            'note_id',
            'in',
            notes.map((n) => n.id),
          )
          .groupBy('note_id')
          .execute()
      : [];
    const counts = new Map(addendaCounts.map((r) => [r.note_id, Number(r.n)]));
    const byNote = new Map<string, ClinicalNoteVersionsTable[]>();
    for (const v of versions) {
      const list = byNote.get(v.note_id) ?? [];
      list.push(v);
      byNote.set(v.note_id, list);
    }
    const names = await userNames(db, [
      ...versions.flatMap((v) => (v.author_id ? [v.author_id] : [])),
      ...notes.flatMap((n) => (n.signed_by ? [n.signed_by] : [])),
    ]);
    return notes.map((note) => {
      const list = byNote.get(note.id) ?? [];
      const heads = headsOf(list);
      const shown = (note.signed_version_id ? list.find((v) => v.id === note.signed_version_id) : undefined) ?? heads[0];
      const content = shown ? parseJson<NoteContent>(shown.content, { sections: [] }) : { sections: [] };
      const links = shown ? { ...EMPTY_LINKS, ...parseJson<Partial<NoteLinks>>(shown.links, {}) } : EMPTY_LINKS;
      const text = plainText(content);
      return {
        id: note.id,
        visitDate: note.visit_date,
        appointmentId: note.appointment_id,
        title: note.title,
        status: note.status === 'signed' ? ('signed' as const) : ('draft' as const),
        conflict: note.status !== 'signed' && heads.length > 1,
        authorNames: [...new Set(list.flatMap((v) => (v.author_id ? [names.get(v.author_id) ?? ''] : [])).filter(Boolean))],
        updatedAt: note.updated_at,
        signedAt: note.signed_at,
        signedByName: note.signed_by ? (names.get(note.signed_by) ?? null) : null,
        addenda: counts.get(note.id) ?? 0,
        teeth: links.teeth,
        snippet: text.length > 160 ? `${text.slice(0, 159)}…` : text,
      };
    });
  }
}

/* ---------------------------------------------------------------- writing */

export interface SaveDraftInput {
  patientId: string;
  noteId?: string;
  versionId?: string;
  baseVersionId: string | null;
  resolves: string[];
  visitDate?: string;
  appointmentId?: string | null;
  templateId?: string | null;
  title?: string;
  content: NoteContent;
  links: NoteLinks;
}

async function checkLinks(db: Db, patientIds: readonly string[], links: NoteLinks): Promise<void> {
  const wanted = [...new Set([...links.findingIds, ...links.chartEventIds])];
  if (wanted.length === 0) return;
  const found = await db.selectFrom('chart_events').select(['id', 'patient_id']).where('id', 'in', wanted).execute();
  const ok = new Set(found.filter((r) => patientIds.includes(r.patient_id)).map((r) => r.id));
  links.findingIds.forEach((id, i) => {
    if (!ok.has(id)) throw validation(`links.findingIds.${i}`, 'validation.noteLink');
  });
  links.chartEventIds.forEach((id, i) => {
    if (!ok.has(id)) throw validation(`links.chartEventIds.${i}`, 'validation.noteLink');
  });
}

async function checkAppointment(db: Db, patientIds: readonly string[], appointmentId: string | null | undefined): Promise<void> {
  if (!appointmentId) return;
  const appointment = await db.selectFrom('appointments').select(['id', 'patient_id']).where('id', '=', appointmentId).executeTakeFirst();
  if (!appointment || !patientIds.includes(appointment.patient_id)) throw validation('appointmentId', 'validation.appointmentPatient');
}

export async function saveDraft(store: Store, actor: Actor, input: SaveDraftInput): Promise<{ note: NoteDetail; versionId: string; conflict: boolean }> {
  await ensureChairsideSeed(store, actor);
  const { today } = await practiceClock(store.db);
  return store.write(actor, async (tx) => {
    const scope = await patientScope(tx.db, input.patientId);
    if (input.versionId) {
      // A retry of a save already stored: nothing is saved twice.
      const done = await findVersionRow(tx.db, input.versionId);
      if (done) {
        const note = await requireNote(tx.db, done.note_id);
        if (!scope.ids.includes(note.patient_id) || (input.noteId && input.noteId !== note.id)) throw conflict('errors.NOTE_VERSION_TAKEN');
        const detail = await detailOf(tx.db, note);
        return { note: detail, versionId: done.id, conflict: detail.conflict };
      }
    }
    let note = input.noteId ? await tx.db.selectFrom('clinical_notes').selectAll().where('id', '=', input.noteId).executeTakeFirst() : undefined;
    if (note?.deleted_at) throw new AppError('NOT_FOUND');
    if (note && !scope.ids.includes(note.patient_id)) throw validation('noteId', 'validation.notePatient');
    if (note?.status === 'signed') throw conflict('errors.NOTE_SIGNED');
    if (note) await requireDraftAuthor(tx.db, actor, note.created_by, 'edit');

    const versions = note ? await versionRowsOf(tx.db, [note.id]) : [];
    const known = new Set(versions.map((v) => v.id));
    if (input.baseVersionId !== null && !known.has(input.baseVersionId)) throw validation('baseVersionId', 'validation.noteVersionUnknown');
    input.resolves.forEach((id, i) => {
      if (!known.has(id)) throw validation(`resolves.${i}`, 'validation.noteVersionUnknown');
    });
    await checkAppointment(tx.db, scope.ids, input.appointmentId);
    await checkLinks(tx.db, scope.ids, input.links);
    const template = input.templateId ? await findTemplateRow(tx.db, input.templateId) : undefined;
    if (input.templateId && !template) throw validation('templateId', 'validation.noteTemplate');

    const now = new Date().toISOString();
    if (!note) {
      note = {
        id: input.noteId ?? uuidv7(),
        patient_id: scope.patient.id,
        appointment_id: input.appointmentId ?? null,
        visit_date: input.visitDate ?? today,
        template_id: input.templateId ?? null,
        title: input.title ?? template?.name ?? '',
        status: 'draft',
        created_at: now,
        created_by: actor.userId,
        updated_at: now,
        signed_at: null,
        signed_by: null,
        signed_version_id: null,
        deleted_at: null,
      };
      await tx.insert('clinical_notes', note);
    } else {
      // The note's own fields are a record: only what changed is written (last writer wins per field).
      const fields: Partial<ClinicalNotesTable> = {};
      if (input.visitDate !== undefined && input.visitDate !== note.visit_date) fields.visit_date = input.visitDate;
      if (input.appointmentId !== undefined && input.appointmentId !== note.appointment_id) fields.appointment_id = input.appointmentId;
      if (input.templateId !== undefined && input.templateId !== note.template_id) fields.template_id = input.templateId;
      if (input.title !== undefined && input.title !== note.title) fields.title = input.title;
      await tx.update('clinical_notes', note.id, { ...fields, patient_id: note.patient_id, updated_at: now });
      note = { ...note, ...fields, updated_at: now };
    }

    const parents = input.baseVersionId === null ? [...new Set(input.resolves)] : [input.baseVersionId, ...new Set(input.resolves.filter((id) => id !== input.baseVersionId))];
    const version: ClinicalNoteVersionsTable = {
      id: input.versionId ?? uuidv7(),
      note_id: note.id,
      patient_id: note.patient_id,
      parent_ids: JSON.stringify(parents),
      content: JSON.stringify(input.content),
      links: JSON.stringify(input.links),
      author_id: actor.userId,
      saved_at: now,
    };
    await tx.insert('clinical_note_versions', version);
    const heads = headsOf([...versions, version]);
    const parallel = heads.length > 1;
    await tx.audit({
      action: 'notes.saveDraft',
      entity: 'patient',
      entityId: scope.patient.id,
      details: { noteId: note.id, versionId: version.id, conflict: parallel, resolved: input.resolves.length },
    });
    const detail = await detailOf(tx.db, note);
    return { note: detail, versionId: version.id, conflict: parallel };
  });
}

function isEmpty(content: NoteContent): boolean {
  return content.sections.every((s) => s.text.trim() === '');
}

export async function signNote(store: Store, actor: Actor, noteId: string, versionId: string): Promise<NoteDetail> {
  return store.write(actor, async (tx) => {
    const note = await requireNote(tx.db, noteId);
    if (note.status === 'signed') throw conflict('errors.NOTE_SIGNED');
    await requireDraftAuthor(tx.db, actor, note.created_by, 'sign');
    const heads = headsOf(await versionRowsOf(tx.db, [note.id]));
    if (heads.length > 1) throw conflict('errors.NOTE_CONFLICT', { versions: heads.length });
    const head = heads[0];
    if (!head || head.id !== versionId) throw conflict('errors.NOTE_STALE');
    if (isEmpty(parseJson<NoteContent>(head.content, { sections: [] }))) throw conflict('errors.NOTE_EMPTY');
    const now = new Date().toISOString();
    const fields = { patient_id: note.patient_id, status: 'signed', signed_at: now, signed_by: actor.userId, signed_version_id: head.id, updated_at: now };
    await tx.update('clinical_notes', note.id, fields);
    const owner = await patientScope(tx.db, note.patient_id);
    await tx.audit({ action: 'notes.sign', entity: 'patient', entityId: owner.patient.id, details: { noteId, versionId } });
    return detailOf(tx.db, { ...note, ...fields });
  });
}

export async function addAddendum(store: Store, actor: Actor, noteId: string, text: string, addendumId: string | undefined): Promise<NoteDetail> {
  return store.write(actor, async (tx) => {
    const note = await requireNote(tx.db, noteId);
    if (addendumId) {
      const done = await findAddendumRow(tx.db, addendumId);
      if (done) {
        if (done.note_id !== note.id) throw conflict('errors.NOTE_VERSION_TAKEN');
        return detailOf(tx.db, note);
      }
    }
    if (note.status !== 'signed') throw conflict('errors.NOTE_NOT_SIGNED');
    const row: ClinicalNoteAddendaTable = {
      id: addendumId ?? uuidv7(),
      note_id: note.id,
      patient_id: note.patient_id,
      text,
      signed_by: actor.userId,
      signed_at: new Date().toISOString(),
    };
    await tx.insert('clinical_note_addenda', row);
    const owner = await patientScope(tx.db, note.patient_id);
    await tx.audit({ action: 'notes.addAddendum', entity: 'patient', entityId: owner.patient.id, details: { noteId, addendumId: row.id } });
    return detailOf(tx.db, note);
  });
}

export async function discardDraft(store: Store, actor: Actor, noteId: string): Promise<{ discarded: true }> {
  return store.write(actor, async (tx) => {
    const note = await requireNote(tx.db, noteId);
    if (note.status === 'signed') throw conflict('errors.NOTE_SIGNED');
    await requireDraftAuthor(tx.db, actor, note.created_by, 'edit');
    const now = new Date().toISOString();
    await tx.update('clinical_notes', note.id, { patient_id: note.patient_id, deleted_at: now, updated_at: now });
    await tx.audit({ action: 'notes.discardDraft', entity: 'patient', entityId: note.patient_id, details: { noteId } });
    return { discarded: true as const };
  });
}

/* ---------------------------------------------------------------- templates */

function toTemplate(row: NoteTemplatesTable): NoteTemplate {
  return {
    id: row.id,
    name: row.name,
    language: row.language as Language,
    sections: parseJson<TemplateSection[]>(row.sections, []),
    isDefault: row.is_default === 1,
    active: row.active === 1,
    sortOrder: row.sort_order,
    updatedAt: row.updated_at,
  };
}

export async function listTemplates(store: Store, actor: Actor, language: Language | undefined, includeInactive: boolean): Promise<NoteTemplate[]> {
  await ensureChairsideSeed(store, actor);
  const rows = await templateRows(store.db);
  return rows.filter((r) => (includeInactive || r.active === 1) && (!language || r.language === language)).map(toTemplate);
}

export interface TemplateInput {
  id?: string;
  name: string;
  language: Language;
  sections: TemplateSection[];
  active: boolean;
  sortOrder?: number;
}

export async function saveTemplate(store: Store, actor: Actor, input: TemplateInput): Promise<NoteTemplate> {
  await ensureChairsideSeed(store, actor);
  const keys = input.sections.map((s) => s.key);
  const duplicate = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (duplicate >= 0) throw validation(`sections.${duplicate}.key`, 'validation.templateSectionKey');
  return store.write(actor, async (tx) => {
    const now = new Date().toISOString();
    const existing = input.id ? await findTemplateRow(tx.db, input.id) : undefined;
    if (input.id && !existing) throw new AppError('NOT_FOUND');
    const values = {
      name: input.name,
      language: input.language,
      sections: JSON.stringify(input.sections),
      active: input.active ? 1 : 0,
      sort_order: input.sortOrder ?? existing?.sort_order ?? 100,
    };
    let row: NoteTemplatesTable;
    if (existing) {
      const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => existing[k as keyof NoteTemplatesTable] !== v));
      if (Object.keys(changed).length) await tx.update('note_templates', existing.id, { ...changed, updated_at: now });
      row = { ...existing, ...values, updated_at: Object.keys(changed).length ? now : existing.updated_at };
    } else {
      row = { id: uuidv7(), ...values, is_default: 0, created_at: now, updated_at: now };
      await tx.insert('note_templates', row);
    }
    await tx.audit({ action: 'notes.templates.save', entity: 'note_template', entityId: row.id, details: { created: !existing } });
    return toTemplate(row);
  });
}
