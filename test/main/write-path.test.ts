import { describe, expect, it } from 'vitest';
import { v7 as uuidv7, validate, version } from 'uuid';
import { decodeHlc } from '../../src/shared/sync/hlc';
import { call, setUpPractice } from '../support/practice';

const patient = (id: string, surname: string) => ({
  id,
  given_names: 'Camila',
  first_surname: surname,
  second_surname: 'Araya',
  preferred_name: null,
  document_type: null,
  document_number: null,
  birth_date: '1990-04-12',
  sex: 'female',
  gender: null,
  phones: '[]',
  email: null,
  address: null,
  emergency_contact: null,
  guarantor: '{"kind":"self"}',
  guarantor_patient_id: null,
  coverage: '{"kind":"none"}',
  referral_source: '',
  notes: '',
  merged_into_id: null,
  sort_name: `${surname.toLowerCase()} araya camila`,
  created_at: new Date().toISOString(),
  updated_at: new Date().toISOString(),
  deleted_at: null,
});

describe('the write path', () => {
  it('records every change in the outbox, in the same transaction, with UUIDv7 ids and HLC stamps', async () => {
    const { core } = await setUpPractice();
    const store = core.vault.store();
    const actor = { userId: null, deviceId: store.deviceId };
    const id = uuidv7();
    await store.write(actor, async (tx) => {
      await tx.insert('patients', patient(id, 'Fuentes'));
      await tx.update('patients', id, { phones: '[{"e164":"+56912345678","kind":"mobile","whatsapp":true}]', updated_at: new Date().toISOString() });
      await tx.audit({ action: 'patients.create', entity: 'patient', entityId: id });
    });
    const changes = await store.db.selectFrom('sync_outbox').selectAll().where('row_id', '=', id).orderBy('hlc').execute();
    expect(changes.map((c) => c.op)).toEqual(['insert', 'update']);
    for (const change of changes) {
      expect(validate(change.change_id) && version(change.change_id)).toBe(7);
      expect(change.device_id).toBe(store.deviceId);
      expect(change.table_name).toBe('patients');
      expect(decodeHlc(change.hlc).node).toBe(store.deviceId);
    }
    expect(JSON.parse(changes[1]!.fields)).toMatchObject({ phones: '[{"e164":"+56912345678","kind":"mobile","whatsapp":true}]' });
    expect(changes[0]!.hlc < changes[1]!.hlc).toBe(true);
  });

  it('leaves neither the row, nor its outbox entry, nor its audit entry when the transaction fails', async () => {
    const { core } = await setUpPractice();
    const store = core.vault.store();
    const count = async (table: 'sync_outbox' | 'audit_log' | 'patients') =>
      Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await Promise.all([count('sync_outbox'), count('audit_log'), count('patients')]);
    const id = uuidv7();
    await expect(
      store.write({ userId: null, deviceId: store.deviceId }, async (tx) => {
        await tx.insert('patients', patient(id, 'Tapia'));
        await tx.audit({ action: 'patients.create', entity: 'patient', entityId: id });
        // A second row with the same id violates the primary key half-way through.
        await tx.insert('patients', patient(id, 'Tapia'));
      }),
    ).rejects.toThrow();
    expect(await Promise.all([count('sync_outbox'), count('audit_log'), count('patients')])).toEqual(before);
  });

  it('routes contract writes through the outbox too', async () => {
    const { core } = await setUpPractice();
    const user = await call(core, 'admin', 'users.create', {
      givenNames: 'Pedro',
      firstSurname: 'Gallardo',
      username: 'pgallardo',
      role: 'hygienist',
      password: 'hygienist-pass',
    });
    await call(core, 'admin', 'users.update', { id: user.id, role: 'dentist' });
    const store = core.vault.store();
    const ops = await store.db.selectFrom('sync_outbox').select(['op', 'fields']).where('row_id', '=', user.id).orderBy('hlc').execute();
    expect(ops.map((o) => o.op)).toEqual(['insert', 'update']);
    expect(JSON.parse(ops[1]!.fields)).toMatchObject({ role: 'dentist' });
  });

  it('resumes the clock after a restart, so stamps keep increasing', async () => {
    const { core, dataDir } = await setUpPractice();
    const store = core.vault.store();
    const last = (await store.db.selectFrom('sync_outbox').select((eb) => eb.fn.max('hlc').as('hlc')).executeTakeFirstOrThrow()).hlc!;
    await core.vault.close();
    const { PracticeVault } = await import('../../src/main/practice/practice-vault');
    const vault = new PracticeVault(dataDir, core.vault.workstation);
    const reopened = await vault.open('correct horse battery staple');
    expect(reopened.clock.tick() > last).toBe(true);
    await vault.close();
  });
});
