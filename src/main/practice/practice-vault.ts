import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import { practicePaths, type PracticePaths } from '../db/data-dir';
import {
  newDatabaseKey,
  type OsKeyProtector,
  readKeyFile,
  unlockKey,
  wrapWithOs,
  wrapWithPassphrase,
  writeKeyFile,
  type KeyFile,
} from '../db/keys';
import type { AuditCheckpoint } from '../audit/audit-chain';
import { acquireFolderLock, type FolderLock, type LockHolder } from '../db/folder-lock';
import { asCorruption, openPracticeDatabase } from '../db/practice-database';
import { type CommitListener, Store } from '../store/store';
import type { Workstation } from '../workstation/workstation';

const CHECKPOINT_EVERY_MS = 60_000;

export type VaultState = 'setup' | 'database-locked' | 'ready';

export type KeyProtection = { kind: 'passphrase'; passphrase: string } | { kind: 'os' };

/**
 * Owns the practice's data folder: whether it exists yet, its key, and the
 * open database. Everything else reaches the data through `store()`.
 */
export class PracticeVault {
  readonly paths: PracticePaths;
  private openStore: Store | null = null;
  /** Damage found by the check that runs after opening; the store is closed when it is set. */
  private damage: AppError | null = null;
  /** The folder's OS lock, held exactly while the database is open (or being created). */
  private lock: FolderLock | null = null;
  /** Copies the audit chain's head into the key file while the database is open. */
  private checkpointTimer: NodeJS.Timeout | null = null;

  constructor(
    dataDir: string,
    readonly workstation: Workstation,
    readonly osKeyProtector?: OsKeyProtector,
    /** Named in the refusal another opener of this folder sees. */
    readonly lockHolder: LockHolder = 'app',
  ) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.paths = practicePaths(dataDir);
  }

  get state(): VaultState {
    if (this.openStore) return 'ready';
    // Damaged: the folder is set up, but the database cannot be opened until it is restored.
    return existsSync(this.paths.keys) ? 'database-locked' : 'setup';
  }

  get osKeyProtectionAvailable(): boolean {
    return this.osKeyProtector?.isAvailable() ?? false;
  }

  store(): Store {
    if (this.damage) throw this.damage;
    if (!this.openStore) throw new AppError(this.state === 'setup' ? 'NOT_SET_UP' : 'DATABASE_CLOSED');
    return this.openStore;
  }

  /** What the last open found wrong with the file, if anything. */
  get problem(): AppError | null {
    return this.damage;
  }

  /**
   * Settles when the whole-file check of the open database has finished;
   * throws DATABASE_CORRUPT if it found damage (the store is closed by then).
   */
  async integrityChecked(): Promise<void> {
    await this.openStore?.database.integrity;
    if (this.damage) throw this.damage;
  }

  private watchIntegrity(store: Store): void {
    void store.database.integrity.then(async (problem) => {
      if (!problem || this.openStore !== store) return;
      // Stop all use of a damaged file at once; nothing may write to it. Restoring a backup is the way out.
      this.damage = problem;
      this.openStore = null;
      if (this.checkpointTimer) clearInterval(this.checkpointTimer);
      await this.onClosing?.();
      await store.close();
      this.releaseLock();
      this.onDamage?.(problem);
    });
  }

  /** Told when the check after opening finds damage, so the open windows can show it. */
  onDamage?: (problem: AppError) => void;

  /** Told of every committed write, so the open windows can refresh what changed. */
  onCommit?: CommitListener;

  /** Told once the database is open, so sync can resume. Not told for a practice just created. */
  onOpened?: (store: Store) => Promise<void>;

  /** Told before the database closes, so sync stops using it first. */
  onClosing?: () => Promise<void>;

  private readonly notifyCommit: CommitListener = (changes, origin) => this.onCommit?.(changes, origin);

  /** Opens with the passphrase, or with the OS-held key when no passphrase is given. */
  async open(passphrase?: string): Promise<Store> {
    if (this.openStore) return this.openStore;
    const keyFile = readKeyFile(this.paths.keys);
    if (!keyFile) throw new AppError('NOT_SET_UP');
    const key = await unlockKey(keyFile, passphrase, this.osKeyProtector);
    try {
      this.takeLock();
    } catch (error) {
      key.fill(0);
      throw error;
    }
    try {
      this.damage = null;
      let store: Store;
      try {
        const database = await openPracticeDatabase(this.paths.database, key);
        store = await Store.open(database, this.workstation.id, this.notifyCommit, keyFile.auditCheckpoint ?? null).catch(async (error: unknown) => {
          await database.close();
          throw error;
        });
      } catch (error) {
        this.releaseLock();
        this.damage = asCorruption(error);
        throw this.damage ?? error;
      }
      this.openStore = store;
      this.watchIntegrity(store);
      this.startCheckpoints(store);
      await this.onOpened?.(store);
      return store;
    } finally {
      key.fill(0);
    }
  }

  /** Tries the OS-held key at start-up, so a protected workstation opens without a prompt. */
  async tryOpenWithOsKey(): Promise<boolean> {
    const keyFile = readKeyFile(this.paths.keys);
    if (!keyFile?.wrappers.some((w) => w.kind === 'os') || !this.osKeyProtectionAvailable) return false;
    await this.open();
    return true;
  }

  /**
   * Creates the key, the key file and the empty, migrated database. If
   * anything fails, both new files are removed: they could never be opened.
   */
  async create(protection: KeyProtection): Promise<Store> {
    if (this.state !== 'setup') throw new AppError('ALREADY_SET_UP');
    if (protection.kind === 'os' && !this.osKeyProtectionAvailable) throw new AppError('KEY_UNAVAILABLE');
    this.takeLock();
    // A database without a key file is a set-up that died half-way, or a key file that
    // was lost. Keep it aside rather than delete it: a backed-up key file could still open it.
    this.setAsideOrphanedDatabase();
    const key = newDatabaseKey();
    const databaseId = uuidv7();
    try {
      const wrapper =
        protection.kind === 'os' ? wrapWithOs(key, this.osKeyProtector!) : await wrapWithPassphrase(key, protection.passphrase, databaseId);
      const keyFile: KeyFile = { format: 1, databaseId, wrappers: [wrapper] };
      const database = await openPracticeDatabase(this.paths.database, key, { create: true });
      writeKeyFile(this.paths.keys, keyFile);
      this.openStore = await Store.open(database, this.workstation.id, this.notifyCommit);
      this.startCheckpoints(this.openStore);
      return this.openStore;
    } catch (error) {
      await this.openStore?.close();
      this.openStore = null;
      this.removeDatabaseFiles();
      rmSync(this.paths.keys, { force: true });
      this.releaseLock();
      throw error;
    } finally {
      key.fill(0);
    }
  }

  async close(): Promise<void> {
    if (this.openStore) await this.onClosing?.();
    if (this.openStore) await this.stopCheckpoints(this.openStore);
    await this.openStore?.close();
    this.openStore = null;
    this.releaseLock();
  }

  /** The key file's sealed copy of the audit chain's head, as verifying reads it. */
  auditCheckpoint(): AuditCheckpoint | null {
    return readKeyFile(this.paths.keys)?.auditCheckpoint ?? null;
  }

  /**
   * The anchor in the database moves with every entry; the key file's copy is
   * written once a minute while entries are added, and at close, so
   * that rewriting both the rows and the anchor in the database still shows.
   */
  private startCheckpoints(store: Store): void {
    this.checkpointTimer = setInterval(() => void this.writeCheckpoint(store).catch(() => {}), CHECKPOINT_EVERY_MS);
    this.checkpointTimer.unref();
  }

  private async stopCheckpoints(store: Store): Promise<void> {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
    // Closing must not fail: a head that cannot be read (its anchor removed by hand) is for verify to report.
    await this.writeCheckpoint(store).catch(() => {});
  }

  private async writeCheckpoint(store: Store): Promise<void> {
    // Read on Kysely's connection between transactions: a head from an uncommitted one may never exist.
    const checkpoint = await store.exclusive(() => store.audit.sealedHead());
    const keyFile = readKeyFile(this.paths.keys);
    const kept = keyFile?.auditCheckpoint;
    // Never backwards: a head behind the kept one means entries were cut, and the kept copy is the evidence.
    if (!keyFile || (kept?.deviceId === checkpoint.deviceId && kept.seq >= checkpoint.seq)) return;
    writeKeyFile(this.paths.keys, { ...keyFile, auditCheckpoint: checkpoint });
  }

  private takeLock(): void {
    this.lock ??= acquireFolderLock(this.paths.dataDir, this.lockHolder);
  }

  private releaseLock(): void {
    this.lock?.release();
    this.lock = null;
  }

  private setAsideOrphanedDatabase(): void {
    if (!existsSync(this.paths.database)) return;
    const suffix = `.orphaned-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const file of [this.paths.database, this.paths.wal, this.paths.shm]) {
      if (existsSync(file)) renameSync(file, file + suffix);
    }
  }

  private removeDatabaseFiles(): void {
    for (const file of [this.paths.database, this.paths.wal, this.paths.shm]) rmSync(file, { force: true });
  }
}
