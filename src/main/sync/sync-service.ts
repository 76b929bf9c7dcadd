import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { join as joinPath } from 'node:path';
import { AppError } from '../../shared/contract/errors';
import type { SyncDevice, SyncStatus } from '../../shared/contract/sync';
import {
  type ActingUser,
  createPairingResponseSchema,
  devicesResponseSchema,
  enrollmentSchema,
  helloResponseSchema,
  joinResponseSchema,
  PAIRING_TTL_MS,
  pairingResultResponseSchema,
  pairingStateResponseSchema,
} from '../../shared/sync/protocol';
import { z } from 'zod';
import { DEFAULT_HUB_PORT, type RunningHub, startHub } from '../hub/hub-service';
import type { PracticeVault } from '../practice/practice-vault';
import type { Actor, Store } from '../store/store';
import { readCursor, readSeenSeq } from './apply-remote';
import { fetchHubCertificate, HubConnection, HubRefusal, type HubTarget } from './hub-connection';
import {
  approveMac,
  bootstrapProof,
  boxKey,
  joinMac,
  newEphemeralKey,
  newPairingCode,
  openBox,
  type PairingCode,
  parsePairingCode,
  sealBox,
  stretchCode,
  verifyApproveMac,
  verifyJoinMac,
} from './pairing-crypto';
import { SyncClient, readSyncCounts } from './sync-client';
import { deriveSyncKey } from './sync-crypto';
import { type EnrollmentState, syncState } from './sync-state';

/**
 * Sync for this workstation as the rest of main sees it: whether it is
 * enrolled, the client loops, the in-app hub when this PC serves the office,
 * and the pairing exchanges. One per app; it follows the vault open and closed.
 */
type JoinProgress = NonNullable<SyncStatus['join']>;

/** What the approving workstation hands the new one, inside the ECDH box. */
const bundleSchema = z.object({ practiceSecret: z.string(), practiceId: z.string() });

const okSchema = z.object({ ok: z.literal(true) });

export interface SyncServiceOptions {
  vault: PracticeVault;
  onStatus: (status: SyncStatus) => void;
  /** Shorter waits (and smaller pages) in tests. */
  waitMs?: number;
  maxBackoffMs?: number;
  pullBatch?: number;
}

function hubError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HubRefusal) {
    const key =
      {
        PAIRING_EXPIRED: 'sync.errors.pairingExpired',
        PAIRING_USED: 'sync.errors.pairingUsed',
        NOT_FOUND: 'sync.errors.pairingNotFound',
        BAD_CODE: 'sync.errors.badCode',
        BOOTSTRAP_CLOSED: 'sync.errors.hubTaken',
        REVOKED: 'sync.errors.revoked',
        UNAUTHENTICATED: 'sync.errors.unauthenticated',
        FORBIDDEN: 'errors.FORBIDDEN',
      }[error.code as string] ?? 'sync.errors.refused';
    return new AppError('CONFLICT', key, { params: { code: error.code } });
  }
  return new AppError('CONFLICT', 'sync.errors.unreachable');
}

/** The status as a window before sign-in may see it: the join's progress, nothing about the practice. */
export function publicSyncStatus(status: SyncStatus): SyncStatus {
  return { ...status, pending: 0, openConflicts: 0, parked: 0, refused: 0, lastSyncAt: null, hub: null, problem: null, progress: status.state === 'joining' ? status.progress : null };
}

export class SyncService {
  private client: SyncClient | null = null;
  private hub: RunningHub | null = null;
  private joinProgress: JoinProgress | null = null;
  private readonly pairings = new Set<AbortController>();
  private closed = false;

  constructor(private readonly options: SyncServiceOptions) {}

  private get vault(): PracticeVault {
    return this.options.vault;
  }

  get running(): SyncClient | null {
    return this.client;
  }

  get servedHub(): RunningHub | null {
    return this.hub;
  }

  /** The vault opened: serve the hub if this PC is the hub, and start syncing if enrolled. */
  async resume(store: Store): Promise<void> {
    if (this.client) return;
    const { enrollment, secret, hubKey } = await store.exclusive((sqlite) => ({
      enrollment: syncState.enrollment(sqlite),
      secret: syncState.practiceSecret(sqlite),
      hubKey: syncState.hubKey(sqlite),
    }));
    if (!enrollment || !secret) return;
    if (enrollment.servedHere && hubKey && !this.hub) {
      try {
        this.hub = await startHub({ dir: joinPath(this.vault.paths.dataDir, 'hub'), key: hubKey, port: enrollment.hubPort ?? DEFAULT_HUB_PORT });
      } catch (error) {
        // The port is taken or the folder is locked: the workstation still works and retries through its client.
        console.error('sync: the office hub could not start here', (error as Error).message);
      }
    }
    await this.startClient(store, enrollment, secret);
  }

  private async startClient(store: Store, enrollment: EnrollmentState, secret: Buffer): Promise<SyncClient> {
    store.syncCursor = await store.exclusive((sqlite) => readCursor(sqlite));
    store.seenSeq = Math.max(store.seenSeq, await store.exclusive((sqlite) => readSeenSeq(sqlite)));
    const client = new SyncClient({
      store,
      enrollment,
      syncKey: deriveSyncKey(secret),
      onStatus: (status) => this.emit(status),
      waitMs: this.options.waitMs,
      maxBackoffMs: this.options.maxBackoffMs,
      pullBatch: this.options.pullBatch,
    });
    this.client = client;
    await client.start();
    return client;
  }

  /** The vault is closing (app quit, lock of the database): stop talking to the hub first. */
  async suspend(): Promise<void> {
    for (const pairing of this.pairings) pairing.abort();
    this.pairings.clear();
    await this.client?.stop();
    this.client = null;
    await this.hub?.close();
    this.hub = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.suspend();
  }

  kick(): void {
    this.client?.kick();
  }

  private emit(status: SyncStatus): void {
    if (!this.closed) this.options.onStatus({ ...status, join: this.joinProgress });
  }

  async status(): Promise<SyncStatus> {
    if (this.client) return { ...(await this.client.status()), join: this.joinProgress };
    const base: SyncStatus = {
      state: this.joinProgress && this.joinProgress.phase !== 'failed' && this.joinProgress.phase !== 'done' ? 'joining' : 'standalone',
      pending: 0,
      lastSyncAt: null,
      progress: null,
      problem: null,
      openConflicts: 0,
      parked: 0,
      refused: 0,
      hub: null,
      join: this.joinProgress,
    };
    if (this.vault.state !== 'ready') return base;
    const store = this.vault.store();
    const counts = await store.exclusive((sqlite) => ({ ...readSyncCounts(sqlite, store.deviceId), revoked: syncState.revoked(sqlite) }));
    return { ...base, ...counts, state: counts.revoked ? 'revoked' : base.state, pending: counts.pending };
  }

  private requireClient(): SyncClient {
    if (!this.client) throw new AppError('CONFLICT', 'sync.errors.notConnected');
    return this.client;
  }

  private async practiceId(store: Store): Promise<string> {
    const row = await store.db.selectFrom('practice').select('id').executeTakeFirst();
    if (!row) throw new AppError('NOT_SET_UP');
    return row.id;
  }

  private async ensureSecret(store: Store): Promise<Buffer> {
    return store.exclusive((sqlite) => {
      const existing = syncState.practiceSecret(sqlite);
      if (existing) return existing;
      const secret = randomBytes(32);
      syncState.setPracticeSecret(sqlite, secret);
      return secret;
    });
  }

  private async alreadyEnrolled(store: Store): Promise<void> {
    if (this.client || (await store.exclusive((sqlite) => syncState.enrollment(sqlite)))) throw new AppError('CONFLICT', 'sync.errors.alreadyConnected');
  }

  /** "This PC serves the office": the hub runs inside the app, and this workstation is its first device. */
  async becomeHub(store: Store, actor: Actor, port: number): Promise<{ addresses: string[]; fingerprint: string }> {
    await this.alreadyEnrolled(store);
    const practiceId = await this.practiceId(store);
    const hubKey = await store.exclusive((sqlite) => {
      const key = syncState.hubKey(sqlite) ?? randomBytes(32);
      syncState.setHubKey(sqlite, key);
      return key;
    });
    let hub: RunningHub;
    try {
      hub = await startHub({ dir: joinPath(this.vault.paths.dataDir, 'hub'), key: hubKey, port });
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new AppError('CONFLICT', code === 'EADDRINUSE' ? 'sync.errors.portInUse' : 'sync.errors.hubFailed', { params: { port } });
    }
    this.hub = hub;
    const secret = await this.ensureSecret(store);
    const enrollment = await hub.enrollLocalDevice(store.deviceId, this.vault.workstation.name, practiceId);
    const state: EnrollmentState = {
      hubUrl: `https://127.0.0.1:${hub.port}`,
      fingerprint: hub.fingerprint,
      certPem: hub.certPem,
      deviceToken: enrollment.deviceToken,
      deviceId: enrollment.deviceId,
      practiceId,
      servedHere: true,
      hubPort: hub.port,
    };
    await store.write(actor, async (tx) => {
      await tx.audit({ action: 'sync.hub.created', entity: 'practice', entityId: practiceId, details: { port: hub.port, fingerprint: hub.fingerprint, name: this.vault.workstation.name } });
    });
    await store.exclusive((sqlite) => syncState.setEnrollment(sqlite, state));
    await this.startClient(store, state, secret);
    return { addresses: lanAddresses(hub.port), fingerprint: hub.fingerprint };
  }

  /** Connects this practice to a headless hub (`npm run hub`) with the setup code it printed. */
  async connectHub(store: Store, actor: Actor, address: string, setupCode: string): Promise<{ fingerprint: string }> {
    await this.alreadyEnrolled(store);
    const code = parsePairingCode(setupCode);
    if (!code) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { setupCode: 'sync.validation.pairingCode' } });
    const target = await fetchHubCertificate(address).catch((error: unknown) => Promise.reject(hubError(error)));
    const connection = new HubConnection(target);
    try {
      const hello = await connection.request('GET', '/v1/hello', { schema: helloResponseSchema }).catch((error: unknown) => Promise.reject(hubError(error)));
      if (!hello.needsBootstrap) throw new AppError('CONFLICT', 'sync.errors.hubTaken');
      const practiceId = await this.practiceId(store);
      const nonce = randomBytes(16).toString('base64');
      const deviceName = this.vault.workstation.name.slice(0, 80);
      const proof = bootstrapProof(stretchCode(code), { pairingId: code.pairingId, fingerprint: target.fingerprint, practiceId, deviceId: store.deviceId, deviceName, nonce });
      const enrollment = await connection
        .request('POST', '/v1/bootstrap', { body: { practiceId, deviceId: store.deviceId, deviceName, nonce, proof }, schema: enrollmentSchema })
        .catch((error: unknown) => Promise.reject(hubError(error)));
      const secret = await this.ensureSecret(store);
      const state: EnrollmentState = { ...enrollmentOf(target, enrollment, practiceId), servedHere: false, hubPort: null };
      await store.write(actor, (tx) => tx.audit({ action: 'sync.hub.connected', entity: 'practice', entityId: practiceId, details: { hub: target.url, fingerprint: target.fingerprint, name: this.vault.workstation.name } }));
      await store.exclusive((sqlite) => syncState.setEnrollment(sqlite, state));
      await this.startClient(store, state, secret);
      return { fingerprint: target.fingerprint };
    } finally {
      connection.close();
    }
  }

  /**
   * A one-time code for a new workstation. The exchange then runs here in the
   * background: wait for the joiner, check its MAC, and hand it the practice
   * secret sealed under a key only the two workstations can derive.
   */
  async createPairing(store: Store, actor: Actor): Promise<{ code: string; expiresAt: string; hubAddress: string; fingerprint: string }> {
    const client = this.requireClient();
    const code = newPairingCode();
    const created = await client.connection
      .request('POST', '/v1/pairings', {
        body: { pairingId: code.pairingId, expiresInMs: PAIRING_TTL_MS, by: await actingUser(store, actor) },
        token: client.token,
        schema: createPairingResponseSchema,
      })
      .catch((error: unknown) => Promise.reject(hubError(error)));
    await store.write(actor, (tx) => tx.audit({ action: 'sync.pairing.created', entity: 'sync_device', entityId: code.pairingId, details: { expiresAt: created.expiresAt } }));
    const abort = new AbortController();
    this.pairings.add(abort);
    void this.approveWhenJoined(store, actor, client, code, created.expiresAt, abort.signal).finally(() => this.pairings.delete(abort));
    const hub = client.hub;
    const hubAddress = hub.servedHere ? (lanAddresses(hub.hubPort ?? DEFAULT_HUB_PORT)[0] ?? hub.hubUrl.replace(/^https:\/\//, '')) : hub.hubUrl.replace(/^https:\/\//, '');
    return { code: code.display, expiresAt: created.expiresAt, hubAddress, fingerprint: hub.fingerprint };
  }

  private async approveWhenJoined(store: Store, actor: Actor, client: SyncClient, code: PairingCode, expiresAt: string, signal: AbortSignal): Promise<void> {
    const codeKey = stretchCode(code);
    const path = `/v1/pairings/${code.pairingId}`;
    try {
      while (!signal.aborted && Date.now() < Date.parse(expiresAt) + 1000) {
        const state = await client.connection.request('GET', `${path}?waitMs=20000`, { token: client.token, schema: pairingStateResponseSchema, signal, timeoutMs: 40_000 });
        if (state.state === 'waiting') continue;
        if (state.state !== 'claimed' || !state.join) return;
        const join = state.join;
        const transcript = { pairingId: code.pairingId, fingerprint: client.hub.fingerprint, deviceId: join.deviceId, deviceName: join.deviceName, joinerPublicKey: join.publicKey };
        if (!verifyJoinMac(codeKey, transcript, join.mac)) {
          // Someone without the code, or through another certificate: the code is burnt; a new one is needed.
          await client.connection.request('POST', `${path}/reject`, { body: {}, token: client.token, schema: okSchema, signal });
          await store.write(actor, (tx) => tx.audit({ action: 'sync.pairing.rejected', entity: 'sync_device', entityId: join.deviceId, details: { reason: 'bad-mac' } }));
          return;
        }
        const own = newEphemeralKey();
        const secret = await this.ensureSecret(store);
        const bundle = JSON.stringify({ practiceSecret: secret.toString('base64'), practiceId: client.hub.practiceId });
        const box = sealBox(boxKey(own, join.publicKey, codeKey, code.pairingId), bundle);
        const mac = approveMac(codeKey, { ...transcript, approverPublicKey: own.publicKey });
        await client.connection.request('POST', `${path}/approve`, { body: { publicKey: own.publicKey, mac, box }, token: client.token, schema: okSchema, signal });
        await store.write(actor, (tx) =>
          tx.audit({ action: 'sync.device.enrolled', entity: 'sync_device', entityId: join.deviceId, details: { name: join.deviceName } }),
        );
        client.kick();
        return;
      }
    } catch (error) {
      if (!signal.aborted) console.error('sync: pairing ended', (error as Error).message);
    }
  }

  /**
   * On a new computer: asks the hub to join with the code, and returns once the
   * request is in. Approval, creating the encrypted database and receiving the
   * practice then follow in the background, told through `sync.status`.
   */
  async join(input: { address: string; code: string; deviceName: string; passphrase: string }): Promise<void> {
    if (this.vault.state !== 'setup') throw new AppError('ALREADY_SET_UP');
    if (this.joinProgress && !['failed', 'done'].includes(this.joinProgress.phase)) throw new AppError('CONFLICT', 'sync.errors.joinRunning');
    const code = parsePairingCode(input.code);
    if (!code) throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { code: 'sync.validation.pairingCode' } });
    this.setJoin('contacting');
    let target: HubTarget;
    let connection: HubConnection | null = null;
    try {
      target = await fetchHubCertificate(input.address);
      connection = new HubConnection(target);
      const hello = await connection.request('GET', '/v1/hello', { schema: helloResponseSchema });
      if (hello.needsBootstrap || !hello.practiceId) throw new AppError('CONFLICT', 'sync.errors.hubEmpty');
      const codeKey = stretchCode(code);
      const own = newEphemeralKey();
      const deviceId = this.vault.workstation.id;
      const transcript = { pairingId: code.pairingId, fingerprint: target.fingerprint, deviceId, deviceName: input.deviceName, joinerPublicKey: own.publicKey };
      const { claim } = await connection.request('POST', `/v1/pairings/${code.pairingId}/join`, {
        body: { deviceName: input.deviceName, deviceId, publicKey: own.publicKey, mac: joinMac(codeKey, transcript) },
        schema: joinResponseSchema,
      });
      this.setJoin('waiting-approval');
      void this.finishJoin(connection, target, code, codeKey, own, transcript, claim, input.passphrase);
    } catch (error) {
      connection?.close();
      const appError = hubError(error);
      this.setJoin('failed', appError.value.messageKey);
      throw appError;
    }
  }

  private async finishJoin(
    connection: HubConnection,
    target: HubTarget,
    code: PairingCode,
    codeKey: Buffer,
    own: ReturnType<typeof newEphemeralKey>,
    transcript: Parameters<typeof joinMac>[1],
    claim: string,
    passphrase: string,
  ): Promise<void> {
    try {
      const deadline = Date.now() + PAIRING_TTL_MS + 60_000;
      let result: z.infer<typeof pairingResultResponseSchema> = { state: 'waiting' };
      while (result.state === 'waiting' && Date.now() < deadline && !this.closed) {
        result = await connection.request('GET', `/v1/pairings/${code.pairingId}/result?claim=${encodeURIComponent(claim)}&waitMs=20000`, {
          schema: pairingResultResponseSchema,
          timeoutMs: 40_000,
        });
      }
      if (result.state !== 'approved' || !result.approval) {
        return this.setJoin('failed', result.state === 'rejected' ? 'sync.errors.joinRejected' : 'sync.errors.pairingExpired');
      }
      const approval = result.approval;
      if (!verifyApproveMac(codeKey, { ...transcript, approverPublicKey: approval.publicKey }, approval.mac)) {
        return this.setJoin('failed', 'sync.errors.joinTampered');
      }
      const bundle = bundleSchema.parse(JSON.parse(openBox(boxKey(own, approval.publicKey, codeKey, code.pairingId), approval.box)));
      this.setJoin('receiving');
      const store = await this.vault.create({ kind: 'passphrase', passphrase });
      const state: EnrollmentState = { ...enrollmentOf(target, approval.enrollment, bundle.practiceId), servedHere: false, hubPort: null };
      await store.exclusive((sqlite) => {
        syncState.setPracticeSecret(sqlite, Buffer.from(bundle.practiceSecret, 'base64'));
        syncState.setEnrollment(sqlite, state);
      });
      const client = await this.startClient(store, state, Buffer.from(bundle.practiceSecret, 'base64'));
      await client.settled(30 * 60_000);
      await store.write({ userId: null, deviceId: store.deviceId }, (tx) =>
        tx.audit({ action: 'sync.joined', entity: 'practice', entityId: bundle.practiceId, details: { hub: target.url, fingerprint: target.fingerprint, name: this.vault.workstation.name } }),
      );
      this.setJoin('done');
    } catch (error) {
      if (!this.closed) this.setJoin('failed', hubError(error).value.messageKey);
    } finally {
      connection.close();
    }
  }

  private setJoin(phase: JoinProgress['phase'], messageKey: string | null = null): void {
    this.joinProgress = { phase, messageKey };
    void this.status().then((status) => this.emit(status)).catch(() => {});
  }

  /** This workstation's name, for the conflicts it lost values to. */
  get workstationName(): string {
    return this.vault.workstation.name;
  }

  async devices(store: Store): Promise<SyncDevice[]> {
    const client = this.requireClient();
    const { devices } = await client.connection
      .request('GET', '/v1/devices', { token: client.token, schema: devicesResponseSchema })
      .catch((error: unknown) => Promise.reject(hubError(error)));
    return devices.map((d) => ({
      deviceId: d.deviceId,
      name: d.name,
      enrolledAt: d.enrolledAt,
      lastSeenAt: d.lastSeenAt,
      revokedAt: d.revokedAt,
      behind: Math.max(0, client.head - d.appliedSeq),
      thisDevice: d.deviceId === store.deviceId,
    }));
  }

  async revokeDevice(store: Store, actor: Actor, deviceId: string): Promise<void> {
    const client = this.requireClient();
    if (deviceId === store.deviceId) throw new AppError('CONFLICT', 'sync.errors.revokeSelf');
    await client.connection
      .request('POST', `/v1/devices/${encodeURIComponent(deviceId)}/revoke`, { body: { by: await actingUser(store, actor) }, token: client.token, schema: okSchema })
      .catch((error: unknown) => Promise.reject(error instanceof HubRefusal && error.code === 'NOT_FOUND' ? new AppError('NOT_FOUND') : hubError(error)));
    await store.write(actor, (tx) => tx.audit({ action: 'sync.device.revoked', entity: 'sync_device', entityId: deviceId }));
  }
}

/** The signed-in user behind an admin step at the hub, as the hub is told it. */
async function actingUser(store: Store, actor: Actor): Promise<ActingUser> {
  const user = actor.userId ? await store.db.selectFrom('users').select('role').where('id', '=', actor.userId).executeTakeFirst() : undefined;
  return { userId: actor.userId ?? 'system', role: (user?.role as ActingUser['role'] | undefined) ?? 'system' };
}

function enrollmentOf(target: HubTarget, enrollment: z.infer<typeof enrollmentSchema>, practiceId: string) {
  return {
    hubUrl: target.url,
    fingerprint: target.fingerprint,
    certPem: target.certPem,
    deviceToken: enrollment.deviceToken,
    deviceId: enrollment.deviceId,
    practiceId,
  };
}

/** The addresses other computers on the LAN can use to reach this one's hub. */
export function lanAddresses(port: number): string[] {
  const found: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) found.push(`${entry.address}:${port}`);
  }
  return found.length > 0 ? found : [`127.0.0.1:${port}`];
}
