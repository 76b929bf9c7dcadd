import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addYears } from '../../src/main/data-rights/retention';
import { call, callError } from '../support/practice';
import { pdfText, signIn } from './chairside-support';
import { fhirValidator, oldPatient, richFixture } from './data-rights-support';
import { makePng } from './documents-support';
import { PARACETAMOL, rxFixture } from './prescriptions-support';
import { v7 as uuidv7 } from 'uuid';
import { practiceToday } from './schedule-support';

type Bundle = { resourceType: string; type: string; entry: { fullUrl: string; resource: Record<string, unknown> & { resourceType: string; id: string } }[] };

const byType = (bundle: Bundle, type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);

/** Every text column of every table, decrypted (the database is open), with the rows that contain `needle`. */
async function tablesContaining(core: Parameters<typeof call>[0], needles: string[]): Promise<string[]> {
  const db = core.vault.store().db;
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db);
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
    for (const row of rows.rows) {
      const text = Object.values(row)
        .map((v) => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('latin1') : ''))
        .join('\u0000')
        .toLowerCase();
      for (const needle of needles) if (text.includes(needle.toLowerCase())) found.push(`${name}: ${needle}`);
    }
  }
  return [...new Set(found)];
}

describe('the patient’s data rights', () => {
  it('exports a rich patient, merged record included, as a FHIR R4 bundle that validates against the R4 schema, and audits it', async () => {
    const f = await richFixture();
    const out = await call(f.core, 'admin', 'privacy.exportFhir', { patientId: f.valentina.id });
    const bundle = JSON.parse(out.json) as Bundle;
    const validate = fhirValidator();
    const valid = validate(bundle);
    if (!valid) throw new Error(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    // Every resource on its own, too (the bundle schema checks entries by resourceType).
    for (const entry of bundle.entry) {
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource.id}`);
      expect(validate({ ...entry.resource })).toBe(true);
    }

    const [patient, merged] = byType(bundle, 'Patient');
    expect(patient).toMatchObject({
      id: f.valentina.id,
      identifier: [{ system: 'http://regcivil.cl/Validacion/RUN', value: '16543219-3' }, expect.anything()],
      name: [
        {
          family: 'Rojas Márquez',
          given: ['Valentina', 'Paz'],
          _family: {
            extension: [
              { url: 'http://hl7.org/fhir/StructureDefinition/humanname-fathers-family', valueString: 'Rojas' },
              { url: 'http://hl7.org/fhir/StructureDefinition/humanname-mothers-family', valueString: 'Márquez' },
            ],
          },
        },
      ],
      gender: 'female',
      birthDate: '1985-07-21',
      telecom: [
        { system: 'phone', value: '+56981234567', use: 'mobile' },
        { system: 'phone', value: '+56229876543', use: 'home' },
        { system: 'email', value: 'valentina.rojas@example.cl' },
      ],
      address: [{ city: 'Santiago', district: 'Providencia', country: 'CL' }],
      link: [{ other: { reference: `urn:uuid:${f.duplicate.id}` }, type: 'replaces' }],
    });
    expect(merged).toMatchObject({ id: f.duplicate.id, link: [{ type: 'replaced-by' }] });

    expect(byType(bundle, 'Appointment')).toHaveLength(2);
    expect(byType(bundle, 'Appointment')[0]).toMatchObject({ status: 'booked', participant: [{ actor: { reference: `urn:uuid:${f.valentina.id}` } }, expect.anything()] });

    const procedures = byType(bundle, 'Procedure');
    // 3 (MOD, planned), 19 (crown, completed) and the duplicate's 30 (existing): the merge tree is read.
    expect(procedures.map((p) => p.status).sort()).toEqual(['completed', 'completed', 'preparation']);
    const mod = procedures.find((p) => p.status === 'preparation')!;
    expect(mod.bodySite).toEqual([
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-tooth', code: '16' }], text: '16' },
      expect.objectContaining({ coding: expect.arrayContaining([{ system: 'http://terminology.hl7.org/CodeSystem/FDI-surface', code: 'O' }]) }),
    ]);
    expect(procedures.some((p) => JSON.stringify(p.bodySite).includes('"code":"36"'))).toBe(true);

    const conditions = byType(bundle, 'Condition');
    expect(conditions.map((c) => (c.code as { text: string }).text)).toEqual(expect.arrayContaining(['missing']));
    expect(conditions.find((c) => JSON.stringify(c.bodySite).includes('"code":"11"'))).toBeDefined();

    const observations = byType(bundle, 'Observation');
    const panel = observations.find((o) => (o.code as { text: string }).text === 'perio-exam')!;
    expect(panel).toMatchObject({ status: 'final', hasMember: [expect.anything(), expect.anything()] });
    const tooth16 = observations.find((o) => String(JSON.stringify(o.bodySite)).includes('"code":"16"'))!;
    expect(tooth16.component).toEqual(
      expect.arrayContaining([
        { code: expect.objectContaining({ text: 'pd-MB' }), valueQuantity: { value: 5, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' } },
        { code: expect.objectContaining({ text: 'bleeding-MB' }), valueBoolean: true },
        { code: expect.objectContaining({ text: 'furcation-B' }), valueInteger: 2 },
      ]),
    );

    expect(byType(bundle, 'AllergyIntolerance').map((a) => (a.code as { text: string }).text)).toEqual(['Alergia a la penicilina', 'Penicilina (urticaria)']);
    expect(byType(bundle, 'Flag')).toHaveLength(1);
    expect(byType(bundle, 'MedicationStatement')).toHaveLength(1);
    const [note] = byType(bundle, 'DocumentReference');
    const text = Buffer.from((note!.content as { attachment: { data: string } }[])[0]!.attachment.data, 'base64').toString('utf8');
    expect(text).toContain('Caries MOD en 16');
    expect(text).toContain('Se indicó control en 3 meses.');
    // The documents and prescriptions tables are not on this branch: nothing is made up for them.
    expect(byType(bundle, 'MedicationRequest')).toEqual([]);

    const db = f.core.vault.store().db;
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.export').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: f.valentina.id });
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ format: 'fhir', mergedRecords: 1, resources: { Patient: 2, Appointment: 2 } });
    expect(await call(f.core, 'admin', 'privacy.requests.list', { patientId: f.valentina.id })).toMatchObject([{ kind: 'access', decision: 'fulfilled', format: 'fhir', requestedBy: 'patient' }]);
    // The log is append-only.
    await expect(sql`UPDATE data_requests SET decision = 'refused'`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('exports documents and prescriptions too, a voided one marked so, and the bundle still validates', async () => {
    const f = await rxFixture();
    const png = makePng(32, 24);
    const doc = await call(f.core, f.hygienist, 'documents.attach', {
      documentId: uuidv7(), patientId: f.camila.id, fileName: 'rx-36.png', dataBase64: png.toString('base64'), takenOn: '2026-11-03', kind: 'radiograph', teeth: ['19'],
    });
    const wrong = await call(f.core, f.hygienist, 'documents.attach', {
      documentId: uuidv7(), patientId: f.camila.id, fileName: 'otro.png', dataBase64: makePng(16, 16, 2).toString('base64'), takenOn: '2026-11-03', kind: 'intraoral_photo', teeth: [],
    });
    await call(f.core, 'admin', 'documents.void', { documentId: wrong.id, reason: 'Paciente equivocado' });
    const issued = await call(f.core, f.dentist, 'prescriptions.issue', { patientId: f.camila.id, items: [PARACETAMOL] });
    if (issued.status !== 'issued') throw new Error('paracetamol warned');
    await call(f.core, f.dentist, 'prescriptions.void', { prescriptionId: issued.prescription.id, reason: 'Dosis equivocada' });

    const bundle = JSON.parse((await call(f.core, 'admin', 'privacy.exportFhir', { patientId: f.camila.id })).json) as Bundle;
    const validate = fhirValidator();
    if (!validate(bundle)) throw new Error(JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const byId = new Map(bundle.entry.map((e) => [e.resource.id, e.resource as Record<string, unknown>]));
    expect(byId.get(doc.id)).toMatchObject({ resourceType: 'DocumentReference', status: 'current', content: [{ attachment: { contentType: 'image/png', title: 'rx-36.png', size: png.length } }] });
    expect(byId.get(wrong.id)).toMatchObject({ resourceType: 'DocumentReference', status: 'entered-in-error' });
    expect(byId.get(issued.prescription.id)).toMatchObject({ resourceType: 'MedicationRequest', status: 'cancelled', medicationCodeableConcept: { text: 'Paracetamol 500 mg' } });
  });

  it('is the admin’s alone', async () => {
    const f = await richFixture();
    expect(await callError(f.core, f.dentist, 'privacy.exportFhir', { patientId: f.valentina.id })).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'patients.dataRights' } });
    const desk = await signIn(f.core, 'receptionist', 'recep');
    expect(await callError(f.core, desk, 'privacy.erase', { patientId: f.valentina.id, requestedBy: 'patient' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('prints a readable summary of the same record in Spanish and in English, audited', async () => {
    const f = await richFixture();
    const es = await call(f.core, 'admin', 'privacy.summaryPdf', { patientId: f.valentina.id });
    const en = await call(f.core, 'admin', 'privacy.summaryPdf', { patientId: f.valentina.id, language: 'en' });
    expect(es.fileName).toMatch(/^registro-paciente-valentina-paz-rojas-marquez-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(en.fileName).toMatch(/^patient-record-/);
    const { summaryPdf } = await import('../../src/main/data-rights/data-rights-service');
    const store = f.core.vault.store();
    const plain = await summaryPdf(store, { userId: null, deviceId: store.deviceId }, f.valentina.id, 'patient', 'es', { compress: false });
    const text = pdfText(Buffer.from(plain.pdfBase64, 'base64'));
    for (const expected of ['Resumen del registro', 'Alergia a la penicilina', 'Caries MOD en 16', 'Exámenes periodontales', 'Citas (2)']) expect(text).toContain(expected);
    const audit = await store.db.selectFrom('audit_log').select('details').where('action', '=', 'privacy.export').execute();
    expect(audit.map((a) => JSON.parse(a.details!).format)).toEqual(['pdf', 'pdf', 'pdf']);
  });

  it('refuses erasure within the retention period, naming the date, and records the request', async () => {
    const f = await richFixture();
    const plan = await call(f.core, 'admin', 'privacy.erasurePlan', { patientId: f.valentina.id });
    const today = practiceToday();
    expect(plan).toMatchObject({ allowed: false, retentionYears: 15, lastAttention: today, retainUntil: addYears(today, 15), mergedRecords: 1 });
    const result = await call(f.core, 'admin', 'privacy.erase', { patientId: f.valentina.id, requestedBy: 'representative' });
    expect(result).toMatchObject({ decision: 'refused', plan: { retainUntil: addYears(today, 15) } });
    const db = f.core.vault.store().db;
    expect(await db.selectFrom('patients').select(['given_names', 'document_number']).where('id', '=', f.valentina.id).executeTakeFirstOrThrow()).toEqual({ given_names: 'Valentina Paz', document_number: '16543219-3' });
    expect(await call(f.core, 'admin', 'privacy.requests.list', { patientId: f.valentina.id })).toMatchObject([{ kind: 'erasure', decision: 'refused', requestedBy: 'representative', retainUntil: addYears(today, 15), recordedByName: 'Ana María Pérez Soto' }]);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.erase.refused').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details!)).toMatchObject({ retainUntil: addYears(today, 15), retentionYears: 15 });
    // The request row travels to the other workstations.
    expect(await db.selectFrom('sync_outbox').select('row_id').where('table_name', '=', 'data_requests').execute()).toEqual([{ row_id: result.requestId }]);
  });

  it('after the retention period anonymises the patient and the merged record, keeps the ledger totals, and leaves no trace of the name or RUT', async () => {
    const f = await richFixture();
    const old = await oldPatient(f.core, 2008);
    const dup = await call(f.core, 'admin', 'patients.create', { draft: { givenNames: 'Eusebio', firstSurname: 'Zañartu', phones: [{ number: '9 8111 2222' }] } });
    await call(f.core, 'admin', 'patients.merge', { survivorId: old.id, duplicateId: dup.id });
    // Practices may keep records longer; the rule is a setting.
    expect(await call(f.core, 'admin', 'privacy.settings.get', {})).toEqual({ retentionYears: 15 });
    const plan = await call(f.core, 'admin', 'privacy.erasurePlan', { patientId: old.id });
    expect(plan).toMatchObject({ allowed: true, lastAttention: '2008-05-10', retainUntil: '2023-05-10', mergedRecords: 1 });
    expect(plan.removes).toEqual(expect.arrayContaining([{ item: 'identity', count: 2 }, { item: 'photo', count: 1 }, { item: 'freeText', count: 1 }]));
    expect(plan.keeps).toEqual(expect.arrayContaining([{ item: 'clinicalFacts', count: 1 }, { item: 'ledger', count: 2 }]));
    expect(plan.ledger).toEqual([{ currency: 'CLP', postings: 2, charges: 450000, payments: -300000, adjustments: 0, balance: 150000 }]);
    await call(f.core, 'admin', 'privacy.settings.set', { retentionYears: 20 });
    expect(await call(f.core, 'admin', 'privacy.erasurePlan', { patientId: old.id })).toMatchObject({ allowed: false, retainUntil: '2028-05-10' });
    await call(f.core, 'admin', 'privacy.settings.set', { retentionYears: 15 });

    const result = await call(f.core, 'admin', 'privacy.erase', { patientId: old.id, requestedBy: 'patient' });
    expect(result.decision).toBe('anonymised');

    const leftovers = await tablesContaining(f.core, ['Zañartu', 'Zanartu', 'Eusebio', '5126663', '5.126.663', 'eusebio.zanartu', 'Almendros', '976543210', '981112222', 'sobrino']);
    expect(leftovers).toEqual([]);
    const db = f.core.vault.store().db;
    const rows = await db.selectFrom('patients').selectAll().where('id', 'in', [old.id, dup.id]).execute();
    for (const row of rows) expect(row).toMatchObject({ given_names: 'Anon', document_number: null, phones: '[]', email: null, address: null, birth_date: null, notes: '' });
    expect(rows.every((r) => r.deleted_at !== null)).toBe(true);
    expect(await db.selectFrom('patient_photos').select(['data', 'deleted_at']).where('patient_id', 'in', [old.id, dup.id]).execute()).toEqual([{ data: '', deleted_at: expect.any(String) }]);
    // The ledger stays whole: the totals are the same after.
    const postings = await db.selectFrom('ledger_postings').select((eb) => eb.fn.sum<number>('amount_minor').as('balance')).where('patient_id', '=', old.id).executeTakeFirstOrThrow();
    expect(Number(postings.balance)).toBe(150000);
    expect(await db.selectFrom('chart_events').select('id').where('patient_id', '=', old.id).execute()).toHaveLength(1);
    // Gone from search.
    expect(await call(f.core, 'admin', 'patients.search', { query: 'Zañartu' })).toEqual([]);
    // The change goes to the other workstations through the outbox.
    const outbox = await db.selectFrom('sync_outbox').select(['table_name', 'row_id', 'fields']).where('row_id', '=', old.id).execute();
    expect(outbox.some((o) => o.table_name === 'patients' && JSON.parse(o.fields).given_names === 'Anon' && JSON.parse(o.fields).document_number === null)).toBe(true);
    // Audited, with the request recorded; the audit chain still verifies.
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.erase').executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(old.id);
    expect(await call(f.core, 'admin', 'privacy.requests.list', { patientId: old.id }).catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND' });
    const logged = await db.selectFrom('data_requests').selectAll().where('patient_id', '=', old.id).execute();
    expect(logged).toMatchObject([{ kind: 'erasure', decision: 'anonymised', retain_until: '2023-05-10' }]);
    expect(await call(f.core, 'admin', 'audit.verify', {})).toMatchObject({ intact: true, brokenAt: null });
    // Valentina is untouched.
    expect((await db.selectFrom('patients').select('first_surname').where('id', '=', f.valentina.id).executeTakeFirstOrThrow()).first_surname).toBe('Rojas');
  });
});
