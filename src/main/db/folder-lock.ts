import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../shared/contract/errors';

/** Who opens a data folder; named in the message a second opener sees. */
export type LockHolder = 'app' | 'serve' | 'hub' | 'restore' | 'verify' | 'demo' | 'test';

export const FOLDER_LOCK_FILE = 'folder.lock';

export interface FolderLock {
  readonly file: string;
  release(): void;
}

interface HolderRow {
  holder: string;
  pid: number;
  host: string;
  since: string;
}

/**
 * An OS lock on a data folder, held for as long as its database is open.
 *
 * Node has no flock, so the lock is SQLite's own: a small, unencrypted lock
 * database beside the data, kept in a write transaction (a RESERVED lock,
 * an fcntl byte-range lock on POSIX and LockFileEx on Windows). A second
 * opener, in this process or another, cannot start a write transaction and is
 * refused at once. The OS drops the lock when the holder's process ends,
 * however it ends, so a crash or `kill -9` never leaves a stale lock to clear
 * by hand. Readers may still read the committed row that names the holder,
 * which is all the file holds: no patient data.
 *
 * The file is only ever touched through SQLite: closing any other descriptor
 * on it would drop this process's fcntl locks.
 */
export function acquireFolderLock(dir: string, holder: LockHolder): FolderLock {
  const file = join(dir, FOLDER_LOCK_FILE);
  let sqlite: InstanceType<typeof Database>;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    sqlite = new Database(file);
  } catch (error) {
    throw folderError(error, dir);
  }
  try {
    sqlite.pragma('busy_timeout = 0');
    sqlite.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT, pid INTEGER, host TEXT, since TEXT)');
    // First take the lock, so the row of a live holder is never overwritten;
    // then commit who we are, and take it again for good.
    begin(sqlite, dir);
    sqlite
      .prepare('INSERT OR REPLACE INTO holder (id, holder, pid, host, since) VALUES (1, ?, ?, ?, ?)')
      .run(holder, process.pid, hostname(), new Date().toISOString());
    sqlite.exec('COMMIT');
    // Between the commit and this, another opener may win; then it is the holder and we are refused.
    begin(sqlite, dir);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      sqlite.close();
    },
  };
}

function begin(sqlite: InstanceType<typeof Database>, dir: string): void {
  try {
    sqlite.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (!isBusy(error)) throw folderError(error, dir);
    const row = readHolder(sqlite);
    throw new AppError('CONFLICT', 'errors.FOLDER_IN_USE', {
      params: { dir, holder: row?.holder ?? '?', pid: row?.pid ?? '?', host: row?.host ?? '?', since: row?.since ?? '?' },
    });
  }
}

function readHolder(sqlite: InstanceType<typeof Database>): HolderRow | undefined {
  try {
    return sqlite.prepare('SELECT holder, pid, host, since FROM holder WHERE id = 1').get() as HolderRow | undefined;
  } catch {
    return undefined;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** A folder that cannot hold the lock (read-only, not a folder, no permission), in words. */
function folderError(error: unknown, dir: string): AppError {
  // The system's own words stay out of the message: it says what to check instead.
  void error;
  return new AppError('CONFLICT', 'errors.FOLDER_NOT_WRITABLE', { params: { dir } });
}
