import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ADMIN_PASSWORD, DEMO_PROFILES, DEMO_STAFF_PASSWORD, DemoRefusedError, generateDemo } from '../../src/main/demo/generate-demo';
import { normalizeRut } from '../../src/shared/identity/rut';
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
  });

  it('has valid, unique RUTs, two surnames, Chilean mobiles and an outbox entry per patient', async () => {
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
      expect(p.phone).toMatch(/^\+569\d{8}$/);
      expect(p.birth_date! >= '1940-01-01' && p.birth_date! <= '2022-12-31').toBe(true);
      expect(['F', 'M']).toContain(p.sex);
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
    expect(seeded.reduce((n, row) => n + (JSON.parse(row.details!) as { count: number }).count, 0)).toBe(patients.length);
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
