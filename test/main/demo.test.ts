import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_PASSWORD, DEMO_PROFILES, DEMO_STAFF_PASSWORD, DemoRefusedError, generateDemo } from '../../src/main/demo/generate-demo';
import { sortName } from '../../src/main/patients/patient-normalize';
import { normalizeRut } from '../../src/shared/identity/rut';
import { ageOn } from '../../src/shared/patients/age';
import { ALERT_CODES } from '../../src/shared/patients/alerts';
import { normalizePhone } from '../../src/shared/patients/phones';
import { call, setUpPractice, startCore, tempDir } from '../support/practice';

const PASSPHRASE = 'demo test passphrase';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function smallDemo() {
  const dataDir = tempDir('dental-demo-');
  const summary = await generateDemo({ dataDir, passphrase: PASSPHRASE, size: 'small' });
  const core = await startCore({ dataDir, passphrase: PASSPHRASE });
  return { dataDir, summary, core, db: core.vault.store().db };
}

describe('the demo practice', () => {
  it('is the same practice every time for the same seed, ids included', async () => {
    const first = await smallDemo();
    const second = await smallDemo();
    const rowsOf = (demo: typeof first) => demo.db.selectFrom('patients').selectAll().orderBy('id').execute();
    const [a, b] = [await rowsOf(first), await rowsOf(second)];
    expect(a).toHaveLength(DEMO_PROFILES.small.patients);
    expect(b).toEqual(a);
    const providers = (demo: typeof first) =>
      demo.db.selectFrom('providers').select(['id', 'given_names', 'kind', 'colour']).orderBy('id').execute();
    expect(await providers(second)).toEqual(await providers(first));
    // Users get fresh ids from users.create; who recorded a history is compared by username.
    const histories = (demo: typeof first) =>
      demo.db
        .selectFrom('patient_medical_history')
        .innerJoin('users', 'users.id', 'patient_medical_history.recorded_by')
        .select(['patient_medical_history.id', 'patient_id', 'version', 'recorded_at', 'username', 'alerts', 'allergies', 'medications', 'conditions'])
        .orderBy('patient_medical_history.id')
        .execute();
    expect(await histories(second)).toEqual(await histories(first));
  });

  it('has valid, unique RUTs, two surnames, valid Chilean phones with one WhatsApp, and an outbox entry per patient', async () => {
    const { db } = await smallDemo();
    const patients = await db.selectFrom('patients').selectAll().execute();
    expect(patients).toHaveLength(DEMO_PROFILES.small.patients);

    const ruts = new Set<string>();
    const emails = new Set<string>();
    for (const p of patients) {
      expect(p.id).toMatch(UUID_V7);
      expect(p.document_type).toBe('RUT');
      expect(normalizeRut(p.document_number!)).toBe(p.document_number);
      ruts.add(p.document_number!);
      expect(p.given_names.trim()).not.toBe('');
      expect(p.first_surname.trim()).not.toBe('');
      expect(p.second_surname.trim()).not.toBe('');
      const phones = JSON.parse(p.phones) as { e164: string; kind: string; whatsapp: boolean }[];
      expect(phones[0]).toMatchObject({ kind: 'mobile', whatsapp: true });
      expect(phones.filter((phone) => phone.whatsapp)).toHaveLength(1);
      for (const phone of phones) expect(normalizePhone(phone.e164, 'CL')).toBe(phone.e164);
      expect(p.birth_date! >= '1940-01-01' && p.birth_date! <= '2022-12-31').toBe(true);
      expect(['female', 'male']).toContain(p.sex);
      expect(p.sort_name).toBe(sortName(p.first_surname, p.second_surname, p.given_names));
      expect(p.created_at <= p.updated_at).toBe(true);
      if (p.email) {
        expect(p.email).toMatch(/^[a-z0-9.]+@(gmail\.com|hotmail\.com|yahoo\.es)$/);
        emails.add(p.email);
      }
    }
    expect(ruts.size).toBe(patients.length);
    expect(emails.size).toBe(patients.filter((p) => p.email).length);

    const outbox = await db
      .selectFrom('sync_outbox')
      .select(['row_id', 'op'])
      .where('table_name', '=', 'patients')
      .execute();
    expect(outbox.every((entry) => entry.op === 'insert')).toBe(true);
    const perRow = new Map<string, number>();
    for (const entry of outbox) perRow.set(entry.row_id, (perRow.get(entry.row_id) ?? 0) + 1);
    expect(perRow.size).toBe(patients.length);
    for (const p of patients) expect(perRow.get(p.id)).toBe(1);

    const seeded = await db.selectFrom('audit_log').select('details').where('action', '=', 'demo.seed').where('entity', '=', 'patient').execute();
    // Later steps seed rows that belong to patients (the waitlist…) under the same entity; count the patients table's own.
    const ofPatients = seeded.map((row) => JSON.parse(row.details!) as { count: number; table?: string }).filter((d) => (d.table ?? 'patients') === 'patients');
    expect(ofPatients.reduce((n, d) => n + d.count, 0)).toBe(patients.length);
  });

  it('gives minors a guarantor, links families, covers patients as in Chile and records some medical histories', async () => {
    const { db, core } = await smallDemo();
    const patients = await db.selectFrom('patients').selectAll().execute();
    const byId = new Map(patients.map((p) => [p.id, p]));
    const minors = patients.filter((p) => ageOn(p.birth_date!, '2026-11-01') < 18);
    expect(minors.length).toBeGreaterThan(10);
    const linked = minors.filter((p) => p.guarantor_patient_id);
    expect(linked.length).toBeGreaterThan(0);
    for (const child of minors) {
      const guarantor = JSON.parse(child.guarantor) as { kind: string; patientId?: string; relationship: string; name?: string };
      expect(['patient', 'person']).toContain(guarantor.kind);
      if (guarantor.kind === 'patient') {
        const parent = byId.get(guarantor.patientId!)!;
        expect(child.guarantor_patient_id).toBe(parent.id);
        expect(ageOn(parent.birth_date!, child.birth_date!)).toBeGreaterThanOrEqual(17);
        // The father shares the child's first surname; the mother's first surname is the child's second.
        expect(parent.first_surname).toBe(guarantor.relationship === 'father' ? child.first_surname : child.second_surname);
      } else {
        expect(guarantor.name).toBeTruthy();
      }
    }
    expect(patients.filter((p) => ageOn(p.birth_date!, '2026-11-01') >= 18).every((p) => JSON.parse(p.guarantor).kind === 'self')).toBe(true);

    const kinds = patients.map((p) => (JSON.parse(p.coverage) as { kind: string }).kind);
    const share = (kind: string) => kinds.filter((k) => k === kind).length / kinds.length;
    expect(share('fonasa')).toBeGreaterThan(0.6);
    expect(share('isapre')).toBeGreaterThan(0.1);
    expect(share('fonasa') + share('isapre') + share('private')).toBe(1);
    expect(patients.filter((p) => p.address).length / patients.length).toBeGreaterThan(0.55);

    const histories = await db.selectFrom('patient_medical_history').selectAll().execute();
    expect(histories.length).toBeGreaterThan(patients.length * 0.07);
    expect(histories.length).toBeLessThan(patients.length * 0.25);
    for (const history of histories) {
      const patient = byId.get(history.patient_id)!;
      expect(history.version).toBe(1);
      const alerts = JSON.parse(history.alerts) as string[];
      for (const alert of alerts) expect(ALERT_CODES).toContain(alert);
      if (alerts.includes('pregnancy')) {
        expect(patient.sex).toBe('female');
        const age = ageOn(patient.birth_date!, history.recorded_at.slice(0, 10));
        expect(age >= 18 && age <= 45).toBe(true);
      }
    }

    // The search index saw every row, and a record opens with its family and badges.
    await call(core, 'web-1', 'auth.signIn', { username: 'admin', password: DEMO_ADMIN_PASSWORD });
    const child = linked[0]!;
    const results = await call(core, 'web-1', 'patients.search', { query: child.document_number! });
    expect(results[0]!.id).toBe(child.id);
    const record = await call(core, 'web-1', 'patients.get', { id: child.id });
    expect(record.family.map((f) => f.id)).toContain(child.guarantor_patient_id);
    const withAlerts = histories.find((h) => JSON.parse(h.alerts).length > 0)!;
    expect((await call(core, 'web-1', 'patients.get', { id: withAlerts.patient_id })).alerts).toEqual(JSON.parse(withAlerts.alerts));
  });

  it('lets the demo admin and staff sign in through the contract', async () => {
    const { core, summary } = await smallDemo();
    const admin = await call(core, 'web-1', 'auth.signIn', { username: 'admin', password: DEMO_ADMIN_PASSWORD });
    expect(admin.user.role).toBe('admin');
    const reception = await call(core, 'web-2', 'auth.signIn', { username: 'recepcion', password: DEMO_STAFF_PASSWORD });
    expect(reception.user.role).toBe('receptionist');
    expect(summary.users.map((u) => u.username)).toEqual(['admin', 'dra.gonzalez', 'pamela.soto', 'recepcion', 'caja']);
    const providers = await core.vault.store().db.selectFrom('providers').select(['kind', 'user_id']).execute();
    expect(providers.map((p) => p.kind).sort()).toEqual(['dentist', 'hygienist']);
    expect(providers.every((p) => p.user_id)).toBe(true);
  });

  it('refuses a folder that already holds a practice and leaves it untouched', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const snapshot = () => readdirSync(dataDir).map((f) => [f, readFileSync(join(dataDir, f)).toString('base64')]);
    const before = snapshot();
    await expect(generateDemo({ dataDir, passphrase: PASSPHRASE, size: 'small' })).rejects.toBeInstanceOf(DemoRefusedError);
    expect(snapshot()).toEqual(before);
  });
});
