import { createServer } from 'node:net';
import type { AppCore } from '../../src/main/app-core';
import type { SyncStatus } from '../../src/shared/contract/sync';
import { ADMIN, call, PASSPHRASE, setUpPractice, startCore, tempDir } from '../support/practice';

/** Short waits so a test sees reconnects and long-poll returns quickly. */
export const FAST_SYNC = { waitMs: 1500, maxBackoffMs: 200 };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const status = (core: AppCore, connection = 'admin'): Promise<SyncStatus> => call(core, connection, 'sync.status', {});

/** Joins a new, empty workstation to the practice served by `hubCore`, and signs its admin in on "admin". */
export async function joinWorkstation(hubCore: AppCore, name: string, sync: { pullBatch?: number } = {}): Promise<AppCore> {
  const pairing = await call(hubCore, 'admin', 'sync.createPairing', {});
  const port = hubCore.sync.servedHub?.port ?? Number(pairing.hubAddress.split(':').pop());
  const core = await startCore({ dataDir: tempDir(), workstationName: name, sync: { ...FAST_SYNC, ...sync } });
  await call(core, 'guest', 'sync.join', { address: `127.0.0.1:${port}`, code: pairing.code, deviceName: name, passphrase: PASSPHRASE });
  await waitFor(`${name} to join`, async () => {
    const s = await call(core, 'guest', 'sync.joinStatus', {});
    if (s.join?.phase === 'failed') throw new Error(`join failed: ${s.join.messageKey}`);
    return s.join?.phase === 'done';
  }, 60_000);
  await call(core, 'admin', 'auth.signIn', ADMIN);
  return core;
}

/** A practice whose first workstation serves the office hub, and a second workstation joined to it. */
export async function twoWorkstations() {
  const { core: front, dataDir } = await setUpPractice(tempDir());
  // The practice was made by setUpPractice without fast sync; reopen it with short waits.
  await front.close();
  const a = await startCore({ dataDir, sync: FAST_SYNC, passphrase: PASSPHRASE });
  await call(a, 'admin', 'auth.signIn', ADMIN);
  await call(a, 'admin', 'sync.becomeHub', { port: await freePort() });
  const b = await joinWorkstation(a, 'Sillón 2');
  return { a, b, dataDir };
}
