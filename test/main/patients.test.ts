import { describe, expect, it } from 'vitest';
import { call, callError, setUpPractice } from '../support/practice';
import { createPatient, draft, rut, signedIn, yearsAgo } from './patients-support';

async function counts(core: Awaited<ReturnType<typeof setUpPractice>>['core']) {
  const db = core.vault.store().db;
  const count = async (table: 'patients' | 'sync_outbox' | 'audit_log' | 'patient_medical_history') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    patients: await count('patients'),
    outbox: await count('sync_outbox'),
    audit: await count('audit_log'),
    history: await count('patient_medical_history'),
  };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5a5d8c50000000049454e44ae426082', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

describe('creating and editing a patient', () => {
  it('refuses a typo in the RUT beside its field, writes nothing, and saves once corrected', async () => {
    const { core } = await setUpPractice();
    const before = await counts(core);
    const error = await callError(core, 'admin', 'patients.create', { draft: draft({ document: { type: 'RUT', number: '12.345.678-9' } }) });
    expect(error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.VALIDATION', fields: { 'draft.document.number': 'validation.rut' } });
    expect(await counts(core)).toEqual(before);

    const patient = await createPatient(core, { document: { type: 'RUT', number: '12345678-5' } });
    expect(patient.document).toEqual({ type: 'RUT', number: '12345678-5', formatted: '12.345.678-5' });
    const after = await counts(core);
    expect(after.patients).toBe(before.patients + 1);
    const row = await core.vault.store().db.selectFrom('patients').selectAll().where('id', '=', patient.id).executeTakeFirstOrThrow();
    expect(row.document_number).toBe('12345678-5');
    expect(row.sort_name).toBe('fuentes araya camila andrea');
  });

  it('accepts the RUT with or without dots, dash and a lower-case k', async () => {
    const { core } = await setUpPractice();
    const a = await createPatient(core, { document: { type: 'RUT', number: '10.000.013-k' } });
    expect(a.document?.number).toBe('10000013-K');
    const b = await createPatient(core, { givenNames: 'Rosa', document: { type: 'RUT', number: '5126663 3' } });
    expect(b.document).toMatchObject({ number: '5126663-3', formatted: '5.126.663-3' });
  });

  it('refuses a document another patient holds, naming that patient', async () => {
    const { core } = await setUpPractice();
    await createPatient(core, { givenNames: 'José', firstSurname: 'González', secondSurname: 'Muñoz', document: { type: 'RUT', number: rut(12_345_678) } });
    const before = await counts(core);
    const error = await callError(core, 'admin', 'patients.create', { draft: draft({ document: { type: 'RUT', number: '123456785' } }) });
    expect(error).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'errors.DOCUMENT_TAKEN',
      params: { name: 'José González Muñoz' },
      fields: { 'draft.document.number': 'errors.DOCUMENT_TAKEN' },
    });
    expect(await counts(core)).toEqual(before);
  });

  it('normalizes phones to E.164 from local input and shows them in the national format', async () => {
    const { core } = await setUpPractice();
    const patient = await createPatient(core, {
      phones: [
        { number: '9 8765 4321', whatsapp: true },
        { number: '+56 2 2345 6789', kind: 'home' },
        { number: '+54 9 11 2345-6789', kind: 'work' },
      ],
    });
    expect(patient.phones).toEqual([
      { e164: '+56987654321', kind: 'mobile', whatsapp: true, formatted: '9 8765 4321' },
      { e164: '+56223456789', kind: 'home', whatsapp: false, formatted: '(2) 2345 6789' },
      { e164: '+5491123456789', kind: 'work', whatsapp: false, formatted: '+54 9 11 2345 6789' },
    ]);
    expect(patient.phone).toBe('9 8765 4321');
  });

  it('refuses control and bidi-override characters in names and documents, writing nothing', async () => {
    // A NUL truncates names in other programs; a right-to-left override makes "Rojas" display as something else.
    const { core } = await setUpPractice();
    const error = await callError(core, 'admin', 'patients.create', {
      draft: draft({ givenNames: 'Ana\u0000', firstSurname: 'Ro\u202ejas', secondSurname: 'Soto\u0007', document: { type: 'RUT', number: '12.345.678-5\u2066' } }),
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({
      'draft.givenNames': 'validation.invisibleCharacters',
      'draft.firstSurname': 'validation.invisibleCharacters',
      'draft.secondSurname': 'validation.invisibleCharacters',
      'draft.document.number': 'validation.invisibleCharacters',
    });
    expect(await call(core, 'admin', 'patients.search', { query: 'Ana' })).toEqual([]);
    const staff = await callError(core, 'admin', 'users.create', { givenNames: 'Caja\u001b', firstSurname: 'Uno', username: 'caja', role: 'billing', password: 'billing-pass-2' });
    expect(staff.fields).toEqual({ givenNames: 'validation.invisibleCharacters' });
  });

  it('reports every problem at once, with the paths of the contract input', async () => {
    const { core } = await setUpPractice();
    const error = await callError(core, 'admin', 'patients.create', {
      draft: draft({
        birthDate: '2101-01-01',
        phones: [
          { number: '9 8765 4321', whatsapp: true },
          { number: '123', whatsapp: true },
        ],
        emergencyContact: { name: 'Pedro', phone: 'no sé' },
        document: { type: 'CURP', number: 'GODE561231HDFRRN08' },
      }),
    });
    expect(error.fields).toEqual({
      'draft.birthDate': 'validation.birthDateFuture',
      'draft.phones.1.number': 'validation.phone',
      'draft.phones': 'validation.oneWhatsapp',
      'draft.emergencyContact.phone': 'validation.phone',
      'draft.document.number': 'validation.document',
    });
    const impossible = await callError(core, 'admin', 'patients.create', { draft: draft({ birthDate: '2023-02-30' }) });
    expect(impossible.fields).toEqual({ 'draft.birthDate': 'validation.date' });
    const malformed = await callError(core, 'admin', 'patients.create', { draft: draft({ birthDate: '12/04/1990' }) });
    expect(malformed.fields).toEqual({ 'draft.birthDate': 'validation.date' });
  });

  it('asks a guarantor for minors, and links families through guarantors both ways', async () => {
    const { core } = await setUpPractice();
    const minor = { givenNames: 'Tomás', firstSurname: 'Soto', secondSurname: 'Vera', birthDate: yearsAgo(9) };
    expect((await callError(core, 'admin', 'patients.create', { draft: draft(minor) })).fields).toEqual({ 'draft.guarantor': 'validation.guarantorRequired' });

    const mother = await createPatient(core, { givenNames: 'Paula', firstSurname: 'Vera', secondSurname: 'Rojas', sex: 'female', birthDate: '1985-03-02' });
    const tomas = await createPatient(core, { ...minor, guarantor: { kind: 'patient', patientId: mother.id, relationship: 'mother' } });
    const ana = await createPatient(core, { ...minor, givenNames: 'Ana', birthDate: yearsAgo(6), guarantor: { kind: 'patient', patientId: mother.id, relationship: 'mother' } });
    const byPerson = await createPatient(core, {
      ...minor,
      givenNames: 'Lucas',
      guarantor: { kind: 'person', name: 'Jorge Soto', phone: '9 5555 1234', document: { type: 'RUT', number: rut(9_876_543) }, relationship: 'father' },
    });
    expect(byPerson.guarantor).toMatchObject({ kind: 'person', phone: '9 5555 1234', document: { number: `9876543-${rut(9_876_543).slice(-1)}` } });

    expect(tomas.guarantorPatient).toEqual({ id: mother.id, displayName: 'Paula Vera Rojas' });
    expect((await call(core, 'admin', 'patients.get', { id: tomas.id })).family).toEqual([
      { id: mother.id, displayName: 'Paula Vera Rojas', relationship: 'mother' },
      { id: ana.id, displayName: 'Ana Soto Vera', relationship: 'sibling' },
    ]);
    const motherRecord = await call(core, 'admin', 'patients.get', { id: mother.id });
    expect(motherRecord.family.map((f) => [f.displayName, f.relationship])).toEqual([
      ['Ana Soto Vera', 'child'],
      ['Tomás Soto Vera', 'child'],
    ]);
    expect(tomas.age).toBe(9);

    const missing = await callError(core, 'admin', 'patients.create', {
      draft: draft({ ...minor, guarantor: { kind: 'patient', patientId: 'no-such-patient', relationship: 'mother' } }),
    });
    expect(missing).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.GUARANTOR_NOT_FOUND', fields: { 'draft.guarantor.patientId': 'errors.GUARANTOR_NOT_FOUND' } });
    const self = await callError(core, 'admin', 'patients.update', {
      id: mother.id,
      draft: draft({ givenNames: 'Paula', firstSurname: 'Vera', guarantor: { kind: 'patient', patientId: mother.id } }),
    });
    expect(self.fields).toEqual({ 'draft.guarantor.patientId': 'validation.guarantorSelf' });
  });

  it('updates only the fields that changed, through the outbox, and audits it', async () => {
    const { core } = await setUpPractice();
    const patient = await createPatient(core, { email: 'camila@example.cl' });
    const updated = await call(core, 'admin', 'patients.update', {
      id: patient.id,
      draft: draft({ email: 'Camila.Fuentes@Example.cl', notes: 'Prefiere horario de tarde' }),
    });
    expect(updated).toMatchObject({ email: 'camila.fuentes@example.cl', notes: 'Prefiere horario de tarde' });
    const db = core.vault.store().db;
    const change = await db.selectFrom('sync_outbox').select(['op', 'fields']).where('row_id', '=', patient.id).where('op', '=', 'update').executeTakeFirstOrThrow();
    expect(Object.keys(JSON.parse(change.fields)).sort()).toEqual(['email', 'notes', 'updated_at']);
    const audit = await db.selectFrom('audit_log').select(['action', 'entity_id', 'details']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'patients.update', entity_id: patient.id, details: JSON.stringify({ fields: ['email', 'notes'] }) });

    expect((await callError(core, 'admin', 'patients.update', { id: 'missing', draft: draft() })).code).toBe('NOT_FOUND');
  });
});

describe('medical history and alerts', () => {
  it('keeps every version, shows the badges to the front desk and the history only to clinicians', async () => {
    const { core } = await setUpPractice();
    const desk = await signedIn(core, 'receptionist', 'recepcion');
    const dentist = await signedIn(core, 'dentist', 'dra.diaz');
    const patient = await createPatient(core, {}, { alerts: ['allergy_latex'] }, desk);

    const atDesk = await call(core, desk, 'patients.get', { id: patient.id });
    expect(atDesk.alerts).toEqual(['allergy_latex']);
    expect(atDesk.medicalHistory).toBeNull();
    expect(await callError(core, desk, 'patients.medicalHistory.list', { patientId: patient.id })).toMatchObject({
      code: 'FORBIDDEN',
      params: { permission: 'medical.read' },
    });
    expect((await callError(core, desk, 'patients.medicalHistory.record', { patientId: patient.id, history: { alerts: [] } })).code).toBe('FORBIDDEN');

    const v2 = await call(core, dentist, 'patients.medicalHistory.record', {
      patientId: patient.id,
      history: { alerts: ['allergy_latex', 'anticoagulants'], allergies: 'Látex (urticaria)', medications: 'Acenocumarol 4 mg' },
    });
    expect(v2).toMatchObject({ version: 2, recordedByName: 'Test dentist', medications: 'Acenocumarol 4 mg' });

    // The front desk replaces the badges; the clinical answers are carried over without passing through its hands.
    const set = await call(core, desk, 'patients.setAlerts', { patientId: patient.id, alerts: ['pregnancy', 'allergy_latex', 'anticoagulants'] });
    expect(set).toEqual({ alerts: ['allergy_latex', 'anticoagulants', 'pregnancy'] });

    const versions = await call(core, dentist, 'patients.medicalHistory.list', { patientId: patient.id });
    expect(versions.map((v) => [v.version, v.alerts, v.medications, v.recordedByName])).toEqual([
      [3, ['allergy_latex', 'anticoagulants', 'pregnancy'], 'Acenocumarol 4 mg', 'Test receptionist'],
      [2, ['allergy_latex', 'anticoagulants'], 'Acenocumarol 4 mg', 'Test dentist'],
      [1, ['allergy_latex'], '', 'Test receptionist'],
    ]);
    const forDentist = await call(core, dentist, 'patients.get', { id: patient.id });
    expect(forDentist.medicalHistory).toMatchObject({ version: 3, allergies: 'Látex (urticaria)' });

    const { sqlite } = core.vault.store().database;
    expect(() => sqlite.prepare("UPDATE patient_medical_history SET allergies = ''").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM patient_medical_history').run()).toThrow(/append-only/);
  });
});

describe('the photo', () => {
  it('keeps one photo per patient, checks the bytes against the type, and removes by tombstone', async () => {
    const { core } = await setUpPractice();
    const patient = await createPatient(core);
    expect(await call(core, 'admin', 'patients.getPhoto', { patientId: patient.id })).toBeNull();
    expect(await call(core, 'admin', 'patients.setPhoto', { patientId: patient.id, photo: { mime: 'image/png', dataBase64: PNG.toString('base64') } })).toEqual({ hasPhoto: true });
    expect(await call(core, 'admin', 'patients.setPhoto', { patientId: patient.id, photo: { mime: 'image/jpeg', dataBase64: JPEG.toString('base64') } })).toEqual({ hasPhoto: true });
    expect(await call(core, 'admin', 'patients.getPhoto', { patientId: patient.id })).toEqual({ mime: 'image/jpeg', dataBase64: JPEG.toString('base64') });
    expect((await call(core, 'admin', 'patients.get', { id: patient.id })).hasPhoto).toBe(true);

    const lying = await callError(core, 'admin', 'patients.setPhoto', { patientId: patient.id, photo: { mime: 'image/webp', dataBase64: PNG.toString('base64') } });
    expect(lying).toMatchObject({ code: 'VALIDATION', messageKey: 'validation.photo', fields: { 'photo.dataBase64': 'validation.photo' } });
    const text = await callError(core, 'admin', 'patients.setPhoto', { patientId: patient.id, photo: { mime: 'image/png', dataBase64: Buffer.from('<svg/>').toString('base64') } });
    expect(text.messageKey).toBe('validation.photo');
    const huge = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await callError(core, 'admin', 'patients.setPhoto', { patientId: patient.id, photo: { mime: 'image/jpeg', dataBase64: huge.toString('base64') } })).messageKey).toBe(
      'validation.photoTooLarge',
    );

    expect(await call(core, 'admin', 'patients.setPhoto', { patientId: patient.id, photo: null })).toEqual({ hasPhoto: false });
    expect(await call(core, 'admin', 'patients.getPhoto', { patientId: patient.id })).toBeNull();
    const rows = await core.vault.store().db.selectFrom('patient_photos').selectAll().where('patient_id', '=', patient.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deleted_at).not.toBeNull();
  });
});

describe('the audit of patient data', () => {
  it('records every view and edit, and the size of a search but not what was typed', async () => {
    const { core } = await setUpPractice();
    const desk = await signedIn(core, 'receptionist', 'recepcion');
    const patient = await createPatient(core, { document: { type: 'RUT', number: rut(15_222_333) } }, {}, desk);
    await call(core, desk, 'patients.update', { id: patient.id, draft: draft({ notes: 'Llamar antes' }) });
    await call(core, desk, 'patients.get', { id: patient.id });
    await call(core, desk, 'patients.search', { query: 'fuentes' });
    await call(core, desk, 'patients.setAlerts', { patientId: patient.id, alerts: ['diabetes'] });
    await call(core, desk, 'patients.getPhoto', { patientId: patient.id });
    await call(core, desk, 'patients.findDuplicates', { draft: draft() });
    expect(await call(core, desk, 'patients.search', { query: '   ' })).toEqual([]);

    const user = await core.vault.store().db.selectFrom('users').select('id').where('username', '=', desk).executeTakeFirstOrThrow();
    const entries = await core.vault.store().db.selectFrom('audit_log').selectAll().where('user_id', '=', user.id).orderBy('seq').execute();
    const mine = entries.filter((e) => e.action.startsWith('patients.'));
    expect(mine.map((e) => e.action)).toEqual([
      'patients.create',
      'patients.update',
      'patients.view',
      'patients.search',
      'patients.setAlerts',
      'patients.viewPhoto',
      'patients.findDuplicates',
    ]);
    expect(JSON.parse(mine.find((e) => e.action === 'patients.search')!.details!)).toEqual({ results: 1 });
    expect(mine.find((e) => e.action === 'patients.view')!.entity_id).toBe(patient.id);
    expect(JSON.stringify(entries)).not.toContain('fuentes');
    expect(await call(core, 'admin', 'audit.verify', {})).toMatchObject({ intact: true });
  });
});
