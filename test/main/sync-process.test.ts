import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newPairingCode } from '../../src/main/sync/pairing-crypto';
import { syncState } from '../../src/main/sync/sync-state';
import type { AppCore } from '../../src/main/app-core';
import { ADMIN, call, callError, PASSPHRASE, setUpPractice, startCore, tempDir } from '../support/practice';
import { type HubProcess, startHubProcess } from './hub-process-support';
import { hubCall } from './hub-support';
import { FAST_SYNC, freePort, joinWorkstation, status, waitFor } from './sync-support';

const hubDir = mkdtempSync(join(tmpdir(), 'sync-proc-hub-'));
const hubs: HubProcess[] = [];
afterAll(async () => {
  for (const hub of hubs) await hub.kill();
  rmSync(hubDir, { recursive: true, force: true });
});

async function runHub(port: number, expectCode: boolean): Promise<HubProcess> {
  const hub = await startHubProcess({ dir: hubDir, port, expectCode });
  hubs.push(hub);
  return hub;
}

const patientCount = (core: AppCore) =>
  core.vault.store().exclusive((sqlite) => (sqlite.prepare(`SELECT count(*) AS n, count(DISTINCT id) AS d FROM patients`).get() as { n: number; d: number }));

describe('three workstations and the hub as its own process', () => {
  it('enroll with the setup code and pairing codes, converge through a kill -9 mid-push, and refuse a revoked device', async () => {
    const port = await freePort();
    let hub = await runHub(port, true);

    // The practice's first computer connects to the headless hub with the code it printed.
    const setUp = await setUpPractice(tempDir());
    await setUp.core.close();
    const { dataDir } = setUp;
    const first = await startCore({ dataDir, passphrase: PASSPHRASE, sync: FAST_SYNC });
    await call(first, 'admin', 'auth.signIn', ADMIN);
    expect((await callError(first, 'admin', 'sync.connectHub', { address: `127.0.0.1:${port}`, setupCode: 'AAAA-BBBB-CCCC' })).messageKey).toBe('sync.errors.badCode');
    const connected = await call(first, 'admin', 'sync.connectHub', { address: `127.0.0.1:${port}`, setupCode: hub.code! });
    expect(connected.fingerprint).toBe(hub.fingerprint);

    const second = await joinWorkstation(first, 'Recepción 2');
    const third = await joinWorkstation(first, 'Sillón 3');

    // A pairing code works once.
    const pairing = await call(first, 'admin', 'sync.createPairing', {});
    const reuser = await startCore({ dataDir: tempDir(), sync: FAST_SYNC });
    const joinInput = { address: `127.0.0.1:${port}`, code: pairing.code, deviceName: 'Intruso', passphrase: PASSPHRASE };
    const burner = await startCore({ dataDir: tempDir(), sync: FAST_SYNC });
    await call(burner, 'guest', 'sync.join', { ...joinInput, deviceName: 'Primero' });
    expect((await callError(reuser, 'guest', 'sync.join', joinInput)).messageKey).toBe('sync.errors.pairingUsed');

    // ...and not after it expired (made with a short life straight at the hub, as the protocol allows).
    const enrollment = await first.vault.store().exclusive((sqlite) => syncState.enrollment(sqlite)!);
    const short = newPairingCode();
    const made = await hubCall(port, enrollment.certPem, 'POST', '/v1/pairings', { pairingId: short.pairingId, expiresInMs: 200, by: { userId: 'admin-1', role: 'admin' } }, enrollment.deviceToken);
    expect(made.status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    const late = await startCore({ dataDir: tempDir(), sync: FAST_SYNC });
    expect((await callError(late, 'guest', 'sync.join', { ...joinInput, code: short.display })).messageKey).toBe('sync.errors.pairingExpired');

    // A backlog builds on the second computer while the hub is down; the hub dies again mid-drain.
    await hub.kill();
    await waitFor('the second computer offline', async () => (await status(second)).state === 'offline');
    const created: string[] = [];
    // Several push batches' worth (500 changes each), so the kill below still lands mid-drain with the hub's faster ingest.
    for (let i = 0; i < 1000; i++) {
      const p = await call(second, 'admin', 'patients.create', { draft: { givenNames: `Paciente ${i}`, firstSurname: 'Cola', secondSurname: '' } });
      created.push(p.id);
    }
    const backlog = (await status(second)).pending;
    expect(backlog).toBeGreaterThanOrEqual(2000);
    hub = await runHub(port, false);
    await waitFor('part of the backlog sent', async () => {
      const pending = (await status(second)).pending;
      return pending < backlog && pending > 0;
    }, 30_000);
    await hub.kill();
    // The kill landed mid-drain: some of the backlog is still here.
    expect((await status(second)).pending).toBeGreaterThan(0);
    hub = await runHub(port, false);

    for (const core of [first, second, third]) {
      await waitFor('every computer to hold every patient', async () => {
        const { n, d } = await patientCount(core);
        return n === d && n >= created.length ? n : null;
      }, 60_000);
    }
    const counts = await Promise.all([first, second, third].map(patientCount));
    expect(new Set(counts.map((c) => c.n)).size).toBe(1);

    // Revoked: the hub refuses everything the third computer sends from then on.
    await call(first, 'admin', 'sync.revokeDevice', { deviceId: third.vault.workstation.id });
    await call(third, 'admin', 'patients.create', { draft: { givenNames: 'Revocada', firstSurname: 'Nunca', secondSurname: '' } });
    await waitFor('the third computer told it is revoked', async () => (await status(third)).state === 'revoked');
    await call(first, 'admin', 'patients.create', { draft: { givenNames: 'Después', firstSurname: 'Revocación', secondSurname: '' } });
    await waitFor('the second computer to see what came after', async () => (await call(second, 'admin', 'patients.search', { query: 'Después', limit: 5 })).length === 1);
    expect(await call(first, 'admin', 'patients.search', { query: 'Revocada', limit: 5 })).toEqual([]);
    expect(await call(second, 'admin', 'patients.search', { query: 'Revocada', limit: 5 })).toEqual([]);
  }, 240_000);
});
