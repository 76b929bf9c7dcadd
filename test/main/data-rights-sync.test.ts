import { describe, expect, it } from 'vitest';
import { call } from '../support/practice';
import { oldPatient } from './data-rights-support';
import type { AppCore } from '../../src/main/app-core';
import { HubConnection } from '../../src/main/sync/hub-connection';
import { hasPendingRedactions } from '../../src/main/sync/redactions';
import { deriveSyncKey, openChange } from '../../src/main/sync/sync-crypto';
import { syncState } from '../../src/main/sync/sync-state';
import { pullResponseSchema } from '../../src/shared/sync/protocol';
import { joinWorkstation, twoWorkstations, waitFor } from './sync-support';

/** Every entry of the hub's log, opened with the practice's key as an enrolled workstation would. */
async function hubLog(core: AppCore) {
  const { enrollment, key } = await core.vault.store().exclusive((sqlite) => ({ enrollment: syncState.enrollment(sqlite)!, key: deriveSyncKey(syncState.practiceSecret(sqlite)!) }));
  const connection = new HubConnection({ url: enrollment.hubUrl, fingerprint: enrollment.fingerprint, certPem: enrollment.certPem });
  const pulled = await connection.request('GET', '/v1/changes?after=0&limit=5000', { token: enrollment.deviceToken, schema: pullResponseSchema });
  connection.close();
  return pulled.changes.map((c) => ({ ...c, plain: JSON.stringify(openChange(key, c)) }));
}

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

    // The hub's log is resealed too: opened with the practice's key, no entry holds who the patient was.
    await waitFor('A to reseal the hub', () => a.vault.store().exclusive((sqlite) => !hasPendingRedactions(sqlite)));
    const log = await hubLog(b);
    const patientRows = log.filter((c) => c.table === 'patients' && c.rowId === old.id);
    expect(patientRows.length).toBeGreaterThan(1);
    const leaks = log.filter((c) => ['Zañartu', '5126663', 'eusebio.zanartu', 'Almendros', '7654'].some((needle) => c.plain.includes(needle)));
    expect(leaks.map((c) => `${c.table} ${c.op} ${c.plain.slice(0, 120)}`)).toEqual([]);
    // The same history still: one insert first, at its old clock, that now says "Anon".
    expect(patientRows[0]).toMatchObject({ op: 'insert' });
    expect(JSON.parse(patientRows[0]!.plain)).toMatchObject({ given_names: 'Anon', document_number: null });

    // A workstation enrolled afterwards gets the anonymised patient, and never the old name.
    const c = await joinWorkstation(a, 'Sillón 3');
    try {
      await waitFor('C to hold the anonymised patient', () => c.vault.store().db.selectFrom('patients').select('id').where('id', '=', old.id).where('given_names', '=', 'Anon').executeTakeFirst());
      expect(await c.vault.store().exclusive((sqlite) => sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox`).get())).toEqual({ n: 0 });
      expect(await call(c, 'admin', 'patients.search', { query: 'Zañartu', limit: 5 })).toEqual([]);
    } finally {
      await c.close();
    }
  }, 180_000);
});
