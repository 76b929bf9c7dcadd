import type { AddressInfo } from 'node:net';
import type { Enrollment } from '../../shared/sync/protocol';
import { Bootstrap } from './hub-bootstrap';
import { enrollDevice } from './hub-devices';
import { lockHubFolder } from './hub-folder-lock';
import { ensurePractice } from './hub-practices';
import { createHubServer } from './hub-server';
import { getMeta, openHubStore, setMeta, type HubStore } from './hub-store';
import { loadOrCreateTls } from './hub-tls';

export interface StartHubOptions {
  /** Either a folder to open the store in (with `key`), or an already open store. */
  dir?: string;
  store?: HubStore;
  key?: Buffer;
  /** Default 0.0.0.0, so the LAN reaches it. */
  host?: string;
  /** Default 7443; 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
  /**
   * A store of several practices (PostgreSQL) opens bootstrap only when asked: a setup code for the
   * first workstation of one new practice. The embedded store opens it while it has no device.
   */
  newPractice?: boolean;
  /** Told whenever a new setup code is made (at start, and after 5 wrong proofs). */
  onSetupCode?: (display: string) => void;
}

export interface RunningHub {
  port: number;
  fingerprint: string;
  certPem: string;
  setupCode(): string | null;
  /** For the in-app hub: this PC's own workstation enrolls in-process, without a code. */
  enrollLocalDevice(deviceId: string, name: string, practiceId: string): Promise<Enrollment>;
  close(): Promise<void>;
}

export const DEFAULT_HUB_PORT = 7443;

export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  let store = options.store;
  let release: (() => void) | null = null;
  if (!store) {
    if (!options.dir || !options.key) throw new Error('startHub needs a store, or a dir and its key');
    release = await lockHubFolder(options.dir);
    try {
      store = await openHubStore(options.dir, options.key);
    } catch (error) {
      release();
      throw error;
    }
  }
  const ownsStore = !options.store;
  const opened = store;
  try {
    const tls = await loadOrCreateTls(opened);
    const multi = opened.kind === 'postgres' ? { open: options.newPractice === true } : null;
    const bootstrap = new Bootstrap(opened.db, tls.fingerprint, options.onSetupCode, multi);
    await bootstrap.init();
    const { server, changesSignal } = createHubServer({ store: opened, tls, bootstrap, maxBodyBytes: options.maxBodyBytes });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_HUB_PORT, options.host ?? '0.0.0.0', () => resolve());
    });
    let closed = false;
    return {
      port: (server.address() as AddressInfo).port,
      fingerprint: tls.fingerprint,
      certPem: tls.certPem,
      setupCode: () => bootstrap.setupCode(),
      async enrollLocalDevice(deviceId, name, practiceId) {
        if (multi) {
          const enrollment = await opened.db.transaction().execute(async (tx) => {
            await ensurePractice(tx, practiceId);
            return enrollDevice(tx, deviceId, name, practiceId);
          });
          changesSignal.notify();
          return enrollment;
        }
        const current = await getMeta(opened.db, 'practice_id');
        if (current && current !== practiceId) throw new Error(`This hub serves practice ${current}`);
        const enrollment = await opened.db.transaction().execute(async (tx) => {
          if (!current) await setMeta(tx, 'practice_id', practiceId);
          return enrollDevice(tx, deviceId, name, practiceId);
        });
        bootstrap.close();
        changesSignal.notify();
        return enrollment;
      },
      async close() {
        if (closed) return;
        closed = true;
        changesSignal.notify();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        if (ownsStore) await opened.close();
        release?.();
      },
    };
  } catch (error) {
    if (ownsStore) await opened.close();
    release?.();
    throw error;
  }
}
