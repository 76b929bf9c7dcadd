import { describe, expect, it } from 'vitest';
import { call } from '../support/practice';
import { oldPatient } from './data-rights-support';
import { twoWorkstations, waitFor } from './sync-support';

describe('erasure on one workstation', () => {
  it('reaches the other through the hub: the patient is anonymised there too, and the request is logged there', async () => {
    const { a, b } = await twoWorkstations();
    const old = await oldPatient(a, 2008);
    await waitFor('B to hold the patient and the photo', () =>
      b.vault.store().db.selectFrom('patient_photos').select('id').where('patient_id', '=', old.id).where('data', '<>', '').executeTakeFirst(),
    );
    expect((await call(b, 'admin', 'patients.search', { query: 'Zañartu', limit: 5 })).map((p) => p.id)).toEqual([old.id]);

    const result = await call(a, 'admin', 'privacy.erase', { patientId: old.id, requestedBy: 'patient' });
    expect(result.decision).toBe('anonymised');

    const row = await waitFor('B to see the anonymised patient', () =>
      b.vault.store().db.selectFrom('patients').selectAll().where('id', '=', old.id).where('given_names', '=', 'Anon').executeTakeFirst(),
    );
    expect(row).toMatchObject({ document_number: null, phones: '[]', email: null, address: null, notes: '', deleted_at: expect.any(String) });
    await waitFor('B to hold the request', () => b.vault.store().db.selectFrom('data_requests').select('id').where('id', '=', result.requestId).executeTakeFirst());
    expect(await b.vault.store().db.selectFrom('patient_photos').select('data').where('patient_id', '=', old.id).execute()).toEqual([{ data: '' }]);
    expect(await call(b, 'admin', 'patients.search', { query: 'Zañartu', limit: 5 })).toEqual([]);
    // Nothing was refused by the hub on the way.
    expect(await a.vault.store().db.selectFrom('sync_outbox').select('change_id').where('refused', 'is not', null).execute()).toEqual([]);
  }, 120_000);
});
