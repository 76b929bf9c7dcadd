import { randomBytes } from 'node:crypto';
import { bootstrapProof, parsePairingCode, stretchCode } from '../../src/main/sync/pairing-crypto';
import { openPostgresHubStore } from '../../src/main/hub/hub-postgres';
import { startHub, type RunningHub } from '../../src/main/hub/hub-service';
import type { HubStore } from '../../src/main/hub/hub-store';
import { hubCall } from './hub-support';

export const PG_PASSPHRASE = 'hub-test-passphrase';

export interface PgHub {
  hub: RunningHub;
  store: HubStore;
  call(method: string, path: string, body?: unknown, token?: string): ReturnType<typeof hubCall>;
  close(): Promise<void>;
}

/** One hub in this process on the PostgreSQL at `url`, with its own connection pool: as separate from another as two processes are, for the database. */
export async function startPgHub(url: string, options: { newPractice?: boolean } = {}): Promise<PgHub> {
  const store = await openPostgresHubStore({ url, passphrase: PG_PASSPHRASE });
  const hub = await startHub({ store, host: '127.0.0.1', port: 0, newPractice: options.newPractice });
  return {
    hub,
    store,
    call: (method, path, body, token) => hubCall(hub.port, hub.certPem, method, path, body, token),
    async close() {
      await hub.close();
      await store.close();
    },
  };
}

/** Enrolls a practice's first device with the setup code `hub` shows, as `sync.connectHub` does. */
export async function bootstrapPractice(hub: PgHub, practiceId: string, deviceId: string) {
  const code = parsePairingCode(hub.hub.setupCode()!)!;
  const t = { pairingId: code.pairingId, fingerprint: hub.hub.fingerprint, practiceId, deviceId, deviceName: deviceId, nonce: randomBytes(16).toString('base64') };
  return hub.call('POST', '/v1/bootstrap', { practiceId, deviceId, deviceName: t.deviceName, nonce: t.nonce, proof: bootstrapProof(stretchCode(code), t) });
}
