import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { SCHEMA_VERSION } from '../../../migrations';
import { AppError } from '../../shared/contract/errors';
import { type ChainReport, verifyAuditChain } from '../audit/audit-verify';
import { practicePaths } from '../db/data-dir';
import { acquireFolderLock } from '../db/folder-lock';
import { keyFileSchema, readKeyFile, unwrapWithPassphrase, writeKeyFile, type PassphraseWrapper } from '../db/keys';
import { inspectDatabaseFile, openPracticeDatabase } from '../db/practice-database';
import { writeFileAtomic } from '../files/atomic-write';
import { readWorkstation } from '../workstation/workstation';

/**
 * A backup is one file: a short header naming the format, then a JSON header
 * (the passphrase-wrapped key and a checksum), then the database pages as
 * SQLite3MultipleCiphers wrote them, still encrypted. It restores on any
 * machine with the passphrase; nothing in it is readable without it.
 */
const MAGIC = Buffer.from('DENTALBK');
const FORMAT = 1;

const backupHeaderSchema = z.object({
  format: z.literal(FORMAT),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  databaseId: z.string(),
  wrapper: keyFileSchema.shape.wrappers.element,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int(),
});
type BackupHeader = z.infer<typeof backupHeaderSchema>;

async function passphraseKey(dataDir: string, passphrase: string) {
  const keyFile = readKeyFile(practicePaths(dataDir).keys);
  if (!keyFile) throw new AppError('NOT_SET_UP');
  const wrapper = keyFile.wrappers.find((w): w is PassphraseWrapper => w.kind === 'passphrase');
  if (!wrapper) throw new AppError('KEY_UNAVAILABLE', 'errors.BACKUP_NEEDS_PASSPHRASE');
  const key = await unwrapWithPassphrase(wrapper, passphrase, keyFile.databaseId);
  return { key, wrapper, databaseId: keyFile.databaseId };
}

/**
 * Takes a consistent copy while the app may be running (VACUUM INTO reads one
 * snapshot and writes a fresh, encrypted file with the same key).
 */
export async function backupPractice(dataDir: string, passphrase: string, outFile: string): Promise<BackupHeader> {
  const { key, wrapper, databaseId } = await passphraseKey(dataDir, passphrase);
  const { database } = practicePaths(dataDir);
  inspectDatabaseFile(database, key);
  const snapshot = join(dirname(outFile), `.${process.pid}-${Date.now()}.snapshot`);
  const sqlite = new Database(database, { fileMustExist: true });
  try {
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.prepare('VACUUM INTO ?').run(snapshot);
  } finally {
    sqlite.close();
    key.fill(0);
  }
  try {
    const pages = readFileSync(snapshot);
    const header: BackupHeader = {
      format: FORMAT,
      createdAt: new Date().toISOString(),
      schemaVersion: SCHEMA_VERSION,
      databaseId,
      wrapper,
      sha256: createHash('sha256').update(pages).digest('hex'),
      bytes: pages.length,
    };
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.length);
    writeFileAtomic(outFile, Buffer.concat([MAGIC, length, json, pages]));
    return header;
  } finally {
    rmSync(snapshot, { force: true });
  }
}

const FILE_REASONS = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'ENOSPC', 'EROFS', 'EEXIST']);

/**
 * A file-system step of a restore, whose failure is told in words: the
 * system's own message ("EISDIR: illegal operation…") tells a practice
 * nothing about what to do next.
 */
function fileStep<T>(action: 'read' | 'write', path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    const reason = FILE_REASONS.has(code) ? code : 'other';
    throw new AppError('CONFLICT', 'errors.RESTORE_FILE_ERROR', {
      params: { path, code, actionKey: `errors.fileActions.${action}`, reasonKey: `errors.fileReasons.${reason}` },
    });
  }
}

function readBackup(file: string): { header: BackupHeader; pages: Buffer } {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', 'errors.BACKUP_MISSING');
  const bytes = fileStep('read', file, () => readFileSync(file));
  if (bytes.length < 12 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new AppError('DATABASE_CORRUPT', 'errors.BACKUP_NOT_A_BACKUP');
  const length = bytes.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  let header: BackupHeader;
  try {
    header = backupHeaderSchema.parse(JSON.parse(bytes.subarray(start, start + length).toString('utf8')));
  } catch {
    throw new AppError('DATABASE_CORRUPT', 'errors.BACKUP_NOT_A_BACKUP');
  }
  const pages = bytes.subarray(start + length);
  if (pages.length !== header.bytes || createHash('sha256').update(pages).digest('hex') !== header.sha256) {
    throw new AppError('DATABASE_CORRUPT', 'errors.BACKUP_DAMAGED');
  }
  return { header, pages };
}

/**
 * Restores into a data folder. Checks, in order, that the file is a whole
 * backup, that the passphrase opens it, that this app version can read it,
 * and that SQLite finds it sound, all before touching the folder. An existing
 * practice is replaced only when asked, and kept beside it.
 */
export async function restorePractice(
  backupFile: string,
  dataDir: string,
  passphrase: string,
  options: { replace?: boolean } = {},
): Promise<{ replacedTo: string | null }> {
  const { header, pages } = readBackup(backupFile);
  if (header.wrapper.kind !== 'passphrase') throw new AppError('KEY_UNAVAILABLE');
  const key = await unwrapWithPassphrase(header.wrapper, passphrase, header.databaseId);
  const paths = practicePaths(dataDir);
  // Creates the folder (nested ones too) and refuses at once if an app, serve or hub has it open.
  let lock;
  try {
    lock = acquireFolderLock(dataDir, 'restore');
  } catch (error) {
    key.fill(0);
    throw error;
  }
  try {
    return await restoreLocked(paths, header, pages, key, options);
  } finally {
    lock.release();
  }
}

async function restoreLocked(
  paths: ReturnType<typeof practicePaths>,
  header: BackupHeader,
  pages: Buffer,
  key: Buffer,
  options: { replace?: boolean },
): Promise<{ replacedTo: string | null }> {
  if (existsSync(paths.database) && !options.replace) throw new AppError('ALREADY_SET_UP', 'errors.RESTORE_WOULD_REPLACE');
  if (header.schemaVersion > SCHEMA_VERSION) {
    throw new AppError('DATABASE_NEWER', undefined, { params: { found: header.schemaVersion, supported: SCHEMA_VERSION } });
  }
  const staged = `${paths.database}.restoring`;
  try {
    fileStep('write', staged, () => writeFileAtomic(staged, pages));
    inspectDatabaseFile(staged, key, 'full');
  } catch (error) {
    rmSync(staged, { force: true });
    key.fill(0);
    throw error;
  }
  let replacedTo: string | null = null;
  if (existsSync(paths.database)) {
    replacedTo = `${paths.database}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    for (const [from, suffix] of [[paths.database, ''], [paths.wal, '-wal'], [paths.shm, '-shm']] as const) {
      if (existsSync(from)) renameSync(from, replacedTo + suffix);
    }
    if (existsSync(paths.keys)) renameSync(paths.keys, `${replacedTo}.keys.json`);
  }
  renameSync(staged, paths.database);
  writeKeyFile(paths.keys, { format: 1, databaseId: header.databaseId, wrappers: [header.wrapper] });
  // Bring an older backup's schema up to date now, not at the next start.
  const opened = await openPracticeDatabase(paths.database, key);
  await opened.close();
  key.fill(0);
  return { replacedTo };
}

export interface VerifyReport {
  integrity: 'ok';
  schemaVersion: number;
  audit: ChainReport;
  foreignKeyProblems: number;
}

/** The full check an admin runs on demand: integrity, foreign keys and the audit chain. */
export async function verifyPractice(dataDir: string, passphrase: string): Promise<VerifyReport> {
  const { key } = await passphraseKey(dataDir, passphrase);
  const paths = practicePaths(dataDir);
  // Opening may migrate the file, and a running app's newest entries are not on disk yet: refuse while one has it.
  let lock;
  try {
    lock = acquireFolderLock(dataDir, 'verify');
  } catch (error) {
    key.fill(0);
    throw error;
  }
  let opened;
  let schemaVersion: number;
  try {
    ({ schemaVersion } = inspectDatabaseFile(paths.database, key, 'full'));
    opened = await openPracticeDatabase(paths.database, key);
  } catch (error) {
    lock.release();
    key.fill(0);
    throw error;
  }
  try {
    const foreignKeyProblems = (opened.sqlite.pragma('foreign_key_check') as unknown[]).length;
    const audit = verifyAuditChain(opened.sqlite, {
      deviceId: readWorkstation(paths.workstation)?.id ?? null,
      key: opened.auditKey,
      checkpoint: readKeyFile(paths.keys)?.auditCheckpoint ?? null,
    });
    return { integrity: 'ok', schemaVersion, audit, foreignKeyProblems };
  } finally {
    await opened.close();
    lock.release();
    key.fill(0);
  }
}
