import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { ImportFolderStatus } from '../../shared/contract/documents';
import { AppError } from '../../shared/contract/errors';
import { todayIn } from '../../shared/patients/age';
import { writeSettingsValue } from '../chairside/chairside-settings';
import { readPracticeRow } from '../practice/practice-repository';
import type { Actor, Store } from '../store/store';
import { checkFile, insertDocument } from './documents-service';
import { sha256Hex } from './file-store';

/*
 * The watched import folder: where the X-ray sensor software drops its
 * exports. Main watches it (fs.watch for promptness, a poll because fs.watch
 * misses events on network shares and some Windows drives), imports each new
 * JPEG, PNG or PDF for the patient a workstation has open in the documents
 * tab, or else into the unfiled inbox, and then deletes the source file.
 *
 * Why delete: the export is the patient's radiograph in clear on disk, which
 * is exactly what storing it encrypted is meant to avoid; left there it
 * would also be imported again on the next start. It is deleted only after
 * the import's transaction has committed, so a crash in between leaves the
 * file for the next scan (and the same bytes are stored once anyway).
 * Deleting does not scrub the disk blocks; a practice that needs that points
 * the sensor software at an encrypted volume.
 *
 * The folder is a setting of this workstation (a path on one machine means
 * nothing on another), kept in the practice's settings under its device id.
 * Files of other types are left alone and named in the status.
 */

export const importFolderSettingId = (deviceId: string) => `documents-import-folder:${deviceId}`;

export interface ImportFolderOptions {
  /** How long a file must stay unchanged before it is read (the sensor software may still be writing it). */
  settleMs?: number;
  pollMs?: number;
}

interface Target {
  patientId: string;
  actor: Actor;
}

export class ImportFolderWatcher {
  private store: Store | null = null;
  private path: string | null = null;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private target: Target | null = null;
  private running: Promise<number> = Promise.resolve(0);
  private queued = false;
  private imported = 0;
  private lastImportAt: string | null = null;
  private problem: ImportFolderStatus['problem'] = null;
  /** Files already imported whose deletion failed: retried, never imported twice. */
  private readonly importedBytes = new Map<string, string>();
  private readonly settleMs: number;
  private readonly pollMs: number;

  constructor(options: ImportFolderOptions = {}) {
    this.settleMs = options.settleMs ?? 1500;
    this.pollMs = options.pollMs ?? 3000;
  }

  /** The practice opened: watch this workstation's folder, if it has one. */
  async start(store: Store): Promise<void> {
    this.store = store;
    const row = await store.db.selectFrom('settings').select('value').where('id', '=', importFolderSettingId(store.deviceId)).executeTakeFirst();
    const path = row ? (JSON.parse(row.value) as { path?: string | null }).path ?? null : null;
    this.watchPath(path);
  }

  /** The practice is closing: stop, and forget who had which patient open. */
  async stop(): Promise<void> {
    this.unwatch();
    await this.running.catch(() => 0);
    this.store = null;
    this.target = null;
  }

  status(): ImportFolderStatus {
    return {
      path: this.path,
      watching: this.watcher !== null || this.timer !== null,
      targetPatientId: this.target?.patientId ?? null,
      imported: this.imported,
      lastImportAt: this.lastImportAt,
      problem: this.problem,
    };
  }

  async setPath(store: Store, actor: Actor, path: string | null): Promise<ImportFolderStatus> {
    if (path !== null) {
      const info = await stat(path).catch(() => null);
      if (!info?.isDirectory()) throw new AppError('VALIDATION', 'patientDocuments.folder.notAFolder', { fields: { path: 'patientDocuments.folder.notAFolder' } });
    }
    await store.write(actor, async (tx) => {
      await writeSettingsValue(tx, importFolderSettingId(store.deviceId), { path }, new Date().toISOString());
      await tx.audit({ action: 'documents.folder.set', entity: 'settings', entityId: importFolderSettingId(store.deviceId) });
    });
    this.store = store;
    this.watchPath(path);
    return this.status();
  }

  /** Which patient this workstation shows (null: none); imports follow it. */
  setTarget(patientId: string | null, actor: Actor): void {
    this.target = patientId ? { patientId, actor } : null;
  }

  /** Scans now (or right after the scan in progress); resolves to how many files this scan imported. */
  scan(): Promise<number> {
    if (this.queued) return this.running;
    this.queued = true;
    this.running = this.running
      .catch(() => 0)
      .then(() => {
        this.queued = false;
        return this.scanOnce();
      });
    return this.running;
  }

  private watchPath(path: string | null): void {
    this.unwatch();
    this.path = path;
    this.problem = null;
    if (!path) return;
    try {
      this.watcher = watch(path, () => void this.scan().catch(() => 0));
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = null;
    }
    this.timer = setInterval(() => void this.scan().catch(() => 0), this.pollMs);
    this.timer.unref();
    void this.scan().catch(() => 0);
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async scanOnce(): Promise<number> {
    const store = this.store;
    const folder = this.path;
    if (!store || !folder) return 0;
    let names: string[];
    try {
      names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
    } catch {
      this.problem = { messageKey: 'patientDocuments.folder.unreadable', fileName: null };
      return 0;
    }
    if (this.problem?.messageKey === 'patientDocuments.folder.unreadable') this.problem = null;
    let count = 0;
    for (const name of names.sort()) {
      const path = join(folder, name);
      const info = await stat(path).catch(() => null);
      if (!info || Date.now() - info.mtimeMs < this.settleMs) continue;
      const bytes = await readFile(path).catch(() => null);
      if (!bytes) continue;
      try {
        if (await this.importFile(store, path, bytes, info.mtime)) count++;
      } catch {
        // The open patient was merged away or the practice closed mid-scan: the file stays for the next scan.
        this.problem = { messageKey: 'patientDocuments.folder.failed', fileName: name };
      }
    }
    return count;
  }

  private async importFile(store: Store, path: string, bytes: Buffer, modified: Date): Promise<boolean> {
    const fileName = basename(path);
    const hash = sha256Hex(bytes);
    if (this.importedBytes.get(path) === hash) return this.remove(path, hash, fileName).then(() => false);
    let mime;
    try {
      mime = checkFile(bytes);
    } catch (error) {
      // Not ours to delete: the sensor software writes other files too. Named in the status once.
      this.problem = { messageKey: error instanceof AppError ? error.value.messageKey : 'patientDocuments.errors.unsupported', fileName };
      return false;
    }
    const target = this.target;
    const actor = target?.actor ?? { userId: null, deviceId: store.deviceId };
    const practice = await readPracticeRow(store.db);
    const takenOn = todayIn(practice?.time_zone ?? 'UTC', modified);
    await store.write(actor, (tx) =>
      insertDocument(
        tx,
        {
          documentId: uuidv7(),
          patientId: target?.patientId ?? null,
          fileName,
          bytes,
          takenOn,
          kind: mime === 'application/pdf' ? 'other' : 'radiograph',
          teeth: [],
          thumbnail: null,
          width: null,
          height: null,
          source: 'folder',
        },
        mime,
        actor.userId,
      ),
    );
    this.imported++;
    this.lastImportAt = new Date().toISOString();
    this.importedBytes.set(path, hash);
    await this.remove(path, hash, fileName);
    return true;
  }

  private async remove(path: string, hash: string, fileName: string): Promise<void> {
    try {
      await unlink(path);
      this.importedBytes.delete(path);
      if (this.problem?.fileName === fileName) this.problem = null;
    } catch {
      // Locked by the sensor software (Windows): retried at the next scan, not imported again.
      if (this.importedBytes.get(path) === hash) this.problem = { messageKey: 'patientDocuments.folder.cannotRemove', fileName };
    }
  }
}
