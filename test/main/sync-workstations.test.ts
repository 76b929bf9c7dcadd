import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHubStore } from '../../src/main/hub/hub-store';
import { syncState } from '../../src/main/sync/sync-state';
import { call, callError } from '../support/practice';
import { joinWorkstation, status, twoWorkstations, waitFor } from './sync-support';

const draft = (givenNames: string, extra: Record<string, unknown> = {}) => ({ givenNames, firstSurname: 'Rojas', secondSurname: 'Vidal', birthDate: '1990-05-06', ...extra });

async function findPatient(core: Parameters<typeof call>[0], name: string) {
  const found = await call(core, 'admin', 'patients.search', { query: name, limit: 5 });
  return found.find((p) => p.givenNames === name) ?? null;
}

describe('sync between workstations through the office hub', () => {
  it('joins a new computer to the practice, and each sees the other’s work live', async () => {
    const { a, b } = await twoWorkstations();
    // The practice arrived whole: the admin signs in on the new computer with the same password.
    expect((await call(b, 'admin', 'app.status', {})).practice?.name).toBe('Clínica Dental Los Aromos');

    const events: string[] = [];
    a.onEvent('watcher', (name) => events.push(name));
    const created = await call(b, 'admin', 'patients.create', { draft: draft('Valentina') });
    const seen = await waitFor('A to see B’s patient', () => findPatient(a, 'Valentina'));
    expect(seen.id).toBe(created.id);
    expect(events).toContain('patients.changed');

    // Both directions, and the audit trail of each workstation reaches the other.
    await call(a, 'admin', 'patients.create', { draft: draft('Joaquín') });
    await waitFor('B to see A’s patient', () => findPatient(b, 'Joaquín'));
    await waitFor('B to hold A’s audit chain', () =>
      b.vault.store().db.selectFrom('audit_log').select('id').where('device_id', '=', a.vault.workstation.id).where('action', '=', 'patients.create').executeTakeFirst(),
    );
    await waitFor('A online with nothing pending', async () => {
      const s = await status(a);
      return s.state === 'online' && s.pending === 0;
    });
    const devices = await call(a, 'admin', 'sync.devices', {});
    expect(devices.map((d) => [d.name, d.thisDevice])).toEqual(expect.arrayContaining([['Sillón 2', false]]));
  });

  it('keeps working while the hub is away, and drains the queue on reconnect', async () => {
    const { a, b } = await twoWorkstations();
    const storeA = a.vault.store();
    await a.sync.suspend();
    await waitFor('B to notice the hub is gone', async () => (await status(b)).state === 'offline');

    const p = await call(b, 'admin', 'patients.create', { draft: draft('Martina') });
    await call(b, 'admin', 'patients.update', { id: p.id, draft: draft('Martina', { email: 'martina@example.cl' }) });
    const offline = await status(b);
    expect(offline.state).toBe('offline');
    expect(offline.pending).toBeGreaterThanOrEqual(2);

    await a.sync.resume(storeA);
    await waitFor('B to drain its queue', async () => (await status(b)).pending === 0);
    const record = await waitFor('A to see the edit made offline', async () => {
      const found = await findPatient(a, 'Martina');
      return found && (await call(a, 'admin', 'patients.get', { id: found.id })).email === 'martina@example.cl' ? found : null;
    });
    expect(record.id).toBe(p.id);
  });

  it('gives the pruned outbox’s pages back to the disk once the hub has its changes', async () => {
    const { a, b } = await twoWorkstations();
    const storeA = a.vault.store();
    await a.sync.suspend();
    await waitFor('B to notice the hub is gone', async () => (await status(b)).state === 'offline');
    // A morning's worth of front-desk work queued while the hub is away: enough outbox to span many pages.
    const notes = 'Prefiere citas por la mañana. '.repeat(130);
    for (let i = 0; i < 1000; i++) await call(b, 'admin', 'patients.create', { draft: draft(`Paciente ${i}`, { notes }) });
    const pages = () => b.vault.store().exclusive((sqlite) => ({ total: sqlite.pragma('page_count', { simple: true }) as number, free: sqlite.pragma('freelist_count', { simple: true }) as number }));
    const queued = await pages();

    await a.sync.resume(storeA);
    await waitFor('B to drain its queue', async () => (await status(b)).pending === 0);
    const drained = await pages();
    // The file shrank by most of what the queue took, rather than keeping it as free pages.
    expect(queued.total - drained.total).toBeGreaterThan(1000);
    expect(drained.free).toBeLessThan(1024);
  });

  it('a join in pages much smaller than the log, each fetched ahead and opened on a worker while the one before is applied, arrives whole', async () => {
    const { a } = await twoWorkstations();
    for (let i = 0; i < 150; i++) await call(a, 'admin', 'patients.create', { draft: draft(`Paciente ${i}`) });
    const c = await joinWorkstation(a, 'Sillón 3', { pullBatch: 64 });
    const count = (core: typeof a, table: 'patients' | 'audit_log') =>
      core.vault.store().db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
    expect(await count(c, 'patients')).toBe(await count(a, 'patients'));
    expect(await count(c, 'patients')).toBeGreaterThanOrEqual(150);
    const received = c.sync.running!.received;
    expect(received.changes).toBeGreaterThan(64 * 4);
    expect(await c.vault.store().db.selectFrom('sync_parked').select('change_id').execute()).toEqual([]);
    const found = await call(c, 'admin', 'patients.search', { query: 'Paciente 149', limit: 5 });
    expect(found.map((p) => p.givenNames)).toContain('Paciente 149');
  });

  it('keeps the value that lost a concurrent edit for review, and can put it back', async () => {
    const { a, b } = await twoWorkstations();
    const p = await call(a, 'admin', 'patients.create', { draft: draft('Florencia') });
    await waitFor('B to have the patient', () => findPatient(b, 'Florencia'));
    const storeA = a.vault.store();
    await a.sync.suspend();
    await waitFor('B offline', async () => (await status(b)).state === 'offline');

    await call(a, 'admin', 'patients.update', { id: p.id, draft: draft('Florencia', { email: 'desde-a@example.cl' }) });
    await new Promise((r) => setTimeout(r, 5));
    await call(b, 'admin', 'patients.update', { id: p.id, draft: draft('Florencia', { email: 'desde-b@example.cl' }) });
    await a.sync.resume(storeA);

    // The later clock (B's) wins on both machines; A's value is kept aside on both.
    for (const core of [a, b]) {
      await waitFor('the later edit everywhere', async () => (await call(core, 'admin', 'patients.get', { id: p.id })).email === 'desde-b@example.cl');
    }
    const conflict = await waitFor('the conflict on A', async () => (await call(a, 'admin', 'sync.conflicts', { includeResolved: false })).find((c) => c.field === 'email'));
    expect(conflict).toMatchObject({ kind: 'field', table: 'patients', patientId: p.id, currentValue: 'desde-b@example.cl', lostValue: 'desde-a@example.cl', restorable: true });
    expect((await status(a)).openConflicts).toBeGreaterThanOrEqual(1);
    // Who wrote the value that lost, and where: A's own name on A; on B, from A's replicated audit log.
    expect(conflict).toMatchObject({ lostUserName: 'Ana María Pérez', lostDeviceName: a.vault.workstation.name });
    const onB = await waitFor('the conflict on B', async () => (await call(b, 'admin', 'sync.conflicts', { includeResolved: false })).find((c) => c.field === 'email'));
    expect(onB).toMatchObject({ lostValue: 'desde-a@example.cl', lostUserName: 'Ana María Pérez', lostDeviceName: a.vault.workstation.name });

    await call(a, 'admin', 'sync.resolveConflict', { id: conflict.id, action: 'restore' });
    for (const core of [a, b]) {
      await waitFor('the restored value everywhere', async () => (await call(core, 'admin', 'patients.get', { id: p.id })).email === 'desde-a@example.cl');
    }
    expect(await call(a, 'admin', 'sync.conflicts', { includeResolved: false })).not.toContainEqual(expect.objectContaining({ id: conflict.id }));
    expect((await callError(a, 'admin', 'sync.resolveConflict', { id: conflict.id, action: 'keep' })).messageKey).toBe('sync.errors.alreadyResolved');
  });

  it('a patient merged on one computer and edited on another ends up as one patient with both edits', async () => {
    const { a, b } = await twoWorkstations();
    const survivor = await call(a, 'admin', 'patients.create', { draft: draft('Renata') });
    const duplicate = await call(a, 'admin', 'patients.create', { draft: draft('Renata', { email: 'renata.antiguo@example.cl' }) });
    await waitFor('B to have both records', async () => (await call(b, 'admin', 'patients.search', { query: 'Renata', limit: 5 })).length === 2);
    const storeA = a.vault.store();
    await a.sync.suspend();
    await waitFor('B offline', async () => (await status(b)).state === 'offline');

    await call(a, 'admin', 'patients.merge', { survivorId: survivor.id, duplicateId: duplicate.id });
    // B has not heard of the merge, and edits the record that is now the duplicate.
    await call(b, 'admin', 'patients.update', { id: duplicate.id, draft: draft('Renata', { email: 'renata@example.cl', notes: 'Prefiere horario de tarde' }) });
    await a.sync.resume(storeA);

    for (const core of [a, b]) {
      await waitFor('one Renata with both edits, everywhere', async () => {
        const found = await call(core, 'admin', 'patients.search', { query: 'Renata', limit: 5 });
        if (found.length !== 1 || found[0]!.id !== survivor.id) return false;
        const record = await call(core, 'admin', 'patients.get', { id: survivor.id });
        return record.email === 'renata@example.cl' && record.notes === 'Prefiere horario de tarde';
      });
    }
  });

  it('refuses everything a revoked device sends from then on', async () => {
    const { a, b } = await twoWorkstations();
    await call(a, 'admin', 'sync.revokeDevice', { deviceId: b.vault.workstation.id });
    await call(b, 'admin', 'patients.create', { draft: draft('Ignacia') });
    await waitFor('B to be told it is revoked', async () => (await status(b)).state === 'revoked');
    await new Promise((r) => setTimeout(r, 300));
    expect(await findPatient(a, 'Ignacia')).toBeNull();
    expect((await callError(a, 'admin', 'sync.revokeDevice', { deviceId: a.vault.workstation.id })).messageKey).toBe('sync.errors.revokeSelf');
  });

  it('never shows the hub a patient’s data in clear', async () => {
    const { a, b } = await twoWorkstations();
    await call(b, 'admin', 'patients.create', { draft: draft('Antonella', { email: 'antonella@example.cl' }) });
    await waitFor('A to see it', () => findPatient(a, 'Antonella'));
    const hubKey = await a.vault.store().exclusive((sqlite) => syncState.hubKey(sqlite));
    // The hub's own store is open in A; read a copy of what it holds through a second connection.
    const hubStore = await openHubStore(join(a.vault.paths.dataDir, 'hub'), hubKey!);
    try {
      const rows = await hubStore.db.selectFrom('hub_log').selectAll().execute();
      expect(rows.length).toBeGreaterThan(5);
      const everything = JSON.stringify(rows);
      for (const secret of ['Antonella', 'antonella@example.cl', 'Clínica Dental Los Aromos', 'Rojas']) expect(everything).not.toContain(secret);
      expect(everything).toContain('patients');
    } finally {
      await hubStore.close();
    }
  });
});
