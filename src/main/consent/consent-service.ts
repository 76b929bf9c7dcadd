import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { fillConsent, type ConsentValues } from '../../shared/consent/placeholders';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import type { ConsentTemplate, SignedConsent } from '../../shared/contract/consent';
import { AppError } from '../../shared/contract/errors';
import { formatDocument } from '../../shared/identity/documents';
import type { Language } from '../../shared/i18n/languages';
import { practiceTimeFormat } from '../../shared/practice/datetime';
import { type PracticeClock, conflict, patientScope, practiceClock } from '../chairside/chairside-common';
import type { ConsentTemplatesTable, PatientsTable, SignedConsentsTable } from '../db/schema';
import { type Db, displayName, userNames } from '../patients/patients-repository';
import { patientSlug, printContextFor } from '../prescriptions/print-context';
import type { Actor, Store } from '../store/store';
import { renderConsentPdf } from './consent-pdf';
import { defaultConsentRows } from './default-templates';

/*
 * Consent forms. The template is filled by main from the stored patient (so
 * what is signed names the right person), the PDF is rendered once at signing
 * and its bytes kept, with their SHA-256, in the encrypted database: printing
 * again returns those bytes, and the database refuses any change to the row.
 */

const seeded = new WeakSet<Store>();

export async function ensureConsentTemplates(store: Store, actor: Actor): Promise<void> {
  if (seeded.has(store)) return;
  if (!(await store.db.selectFrom('consent_templates').select('id').limit(1).executeTakeFirst())) {
    await store.write(actor, async (tx) => {
      if (await tx.db.selectFrom('consent_templates').select('id').limit(1).executeTakeFirst()) return;
      const rows = defaultConsentRows(new Date().toISOString());
      for (const row of rows) await tx.insert('consent_templates', row);
      await tx.audit({ action: 'consent.templates.seed', entity: 'consent_template', details: { count: rows.length } });
    });
  }
  seeded.add(store);
}

function toTemplate(row: ConsentTemplatesTable): ConsentTemplate {
  return { id: row.id, procedureType: row.procedure_type, language: row.language as Language, title: row.title, body: row.body, active: row.active === 1, sortOrder: row.sort_order };
}

export async function listConsentTemplates(store: Store, actor: Actor, language: Language | undefined, includeInactive: boolean) {
  await ensureConsentTemplates(store, actor);
  let q = store.db.selectFrom('consent_templates').selectAll().orderBy('sort_order').orderBy('title');
  if (language) q = q.where('language', '=', language);
  if (!includeInactive) q = q.where('active', '=', 1);
  return (await q.execute()).map(toTemplate);
}

export async function saveConsentTemplate(store: Store, actor: Actor, input: ParsedInput<'consent.templates.save'>) {
  await ensureConsentTemplates(store, actor);
  const now = new Date().toISOString();
  const id = await store.write(actor, async (tx) => {
    const fields = { procedure_type: input.procedureType, language: input.language, title: input.title, body: input.body, active: input.active ? 1 : 0, updated_at: now };
    if (input.id) {
      const row = await tx.db.selectFrom('consent_templates').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      await tx.update('consent_templates', row.id, { ...fields, ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}) });
      await tx.audit({ action: 'consent.templates.update', entity: 'consent_template', entityId: row.id });
      return row.id;
    }
    const row: ConsentTemplatesTable = { id: uuidv7(), ...fields, sort_order: input.sortOrder ?? 500, created_at: now };
    await tx.insert('consent_templates', row);
    await tx.audit({ action: 'consent.templates.create', entity: 'consent_template', entityId: row.id });
    return row.id;
  });
  return toTemplate(await store.db.selectFrom('consent_templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

async function fill(db: Db, actor: Actor, clock: PracticeClock, patient: PatientsTable, template: ConsentTemplatesTable, procedure: string, date: string) {
  const language = template.language as Language;
  const provider = actor.userId ? await db.selectFrom('providers').selectAll().where('user_id', '=', actor.userId).executeTakeFirst() : undefined;
  const user = actor.userId ? (await userNames(db, [actor.userId])).get(actor.userId) : undefined;
  const values: ConsentValues = {
    patient: displayName(patient),
    document: patient.document_type && patient.document_number ? formatDocument(patient.document_type, patient.document_number) : '—',
    procedure: procedure || template.title,
    date: practiceTimeFormat({ language, country: clock.country, timeZone: clock.timeZone }).day(date),
    provider: provider ? [provider.given_names, provider.first_surname, provider.second_surname].filter(Boolean).join(' ') : (user ?? ''),
    practice: clock.name,
  };
  return { title: template.title, body: fillConsent(template.body, values), language };
}

async function templateRow(db: Db, templateId: string) {
  const row = await db.selectFrom('consent_templates').selectAll().where('id', '=', templateId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function previewConsent(store: Store, actor: Actor, input: ParsedInput<'consent.preview'>) {
  await ensureConsentTemplates(store, actor);
  const scope = await patientScope(store.db, input.patientId);
  const clock = await practiceClock(store.db);
  return store.readAudited(actor, { action: 'consent.preview', entity: 'patient', entityId: scope.patient.id, details: { templateId: input.templateId } }, async (db) =>
    fill(db, actor, clock, scope.patient, await templateRow(db, input.templateId), input.procedure, input.date ?? clock.today),
  );
}

function toSigned(row: Omit<SignedConsentsTable, 'pdf'>, names: Map<string, string>): SignedConsent {
  return {
    id: row.id,
    patientId: row.patient_id,
    procedureType: row.procedure_type,
    language: row.language as Language,
    title: row.title,
    signerName: row.signer_name,
    signatureMethod: row.signature_method as SignedConsent['signatureMethod'],
    signedAt: row.signed_at,
    witnessName: row.witness_id ? (names.get(row.witness_id) ?? null) : null,
    pdfSha256: row.pdf_sha256,
  };
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export async function signConsent(store: Store, actor: Actor, input: ParsedInput<'consent.sign'>): Promise<CallOutput<'consent.sign'>> {
  const signature = input.method === 'drawn' && input.signaturePng ? Buffer.from(input.signaturePng, 'base64') : null;
  if (signature && !signature.subarray(0, 8).equals(PNG_MAGIC)) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { signaturePng: 'validation.signature' } });
  await ensureConsentTemplates(store, actor);
  const clock = await practiceClock(store.db);
  return store.write(actor, async (tx) => {
    const scope = await patientScope(tx.db, input.patientId);
    if (input.id) {
      const done = await tx.db.selectFrom('signed_consents').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (done) {
        if (!scope.ids.includes(done.patient_id)) throw conflict('errors.CONSENT_ID_TAKEN');
        return toSigned(done, await userNames(tx.db, done.witness_id ? [done.witness_id] : []));
      }
    }
    const template = await templateRow(tx.db, input.templateId);
    const filled = await fill(tx.db, actor, clock, scope.patient, template, input.procedure, clock.today);
    const id = input.id ?? uuidv7();
    const signedAt = new Date().toISOString();
    const names = await userNames(tx.db, actor.userId ? [actor.userId] : []);
    const ctx = await printContextFor(tx.db, actor, clock, scope.patient, filled.language, new Date(signedAt));
    const { pdf } = await renderConsentPdf(ctx, {
      title: filled.title,
      body: filled.body,
      signerName: input.signerName,
      method: input.method,
      signaturePng: signature,
      signedAt,
      witnessName: actor.userId ? (names.get(actor.userId) ?? null) : null,
      consentId: id,
    });
    const row: SignedConsentsTable = {
      id,
      patient_id: scope.patient.id,
      template_id: template.id,
      procedure_type: template.procedure_type,
      language: filled.language,
      title: filled.title,
      body: filled.body,
      signer_name: input.signerName,
      signature_method: input.method,
      signed_at: signedAt,
      witness_id: actor.userId,
      pdf: pdf.toString('base64'),
      pdf_sha256: createHash('sha256').update(pdf).digest('hex'),
    };
    await tx.insert('signed_consents', row);
    await tx.audit({ action: 'consent.sign', entity: 'signed_consent', entityId: id, details: { patientId: scope.patient.id, type: template.procedure_type, method: input.method, sha256: row.pdf_sha256 } });
    return toSigned(row, names);
  });
}

export async function listConsents(store: Store, actor: Actor, patientId: string) {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'consent.list', entity: 'patient', entityId: scope.patient.id }, async (db) => {
    const rows = await db
      .selectFrom('signed_consents')
      .select(['id', 'patient_id', 'template_id', 'procedure_type', 'language', 'title', 'body', 'signer_name', 'signature_method', 'signed_at', 'witness_id', 'pdf_sha256'])
      .where('patient_id', 'in', scope.ids)
      .orderBy('signed_at', 'desc')
      .execute();
    const names = await userNames(db, rows.map((r) => r.witness_id).filter((x): x is string => !!x));
    return rows.map((r) => toSigned(r, names));
  });
}

export async function printConsent(store: Store, actor: Actor, consentId: string) {
  const row = await store.db.selectFrom('signed_consents').selectAll().where('id', '=', consentId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const patient = await store.db.selectFrom('patients').selectAll().where('id', '=', row.patient_id).executeTakeFirstOrThrow();
  return store.readAudited(actor, { action: 'consent.print', entity: 'signed_consent', entityId: row.id, details: { patientId: row.patient_id } }, async () => {
    const pdf = Buffer.from(row.pdf, 'base64');
    const name = row.language === 'es' ? 'consentimiento' : 'consent';
    return { fileName: `${name}-${patientSlug(patient)}-${row.signed_at.slice(0, 10)}.pdf`, pdfBase64: row.pdf, pages: countPages(pdf), sha256: row.pdf_sha256 };
  });
}

function countPages(pdf: Buffer): number {
  return Math.max(1, (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length);
}
