import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, type Migration, type MigrationProvider, Migrator, SqliteDialect } from 'kysely';
import { chmodSync, existsSync, rmSync, statSync } from 'node:fs';
import { migrations, SCHEMA_VERSION } from '../../../migrations';
import { AppError } from '../../shared/contract/errors';
import { deriveAuditKey } from '../audit/audit-chain';
import { checkIntegrityInBackground } from './integrity-check';
import type { Schema } from './schema';

export type SqliteConnection = Database.Database;

export interface PracticeDatabase {
  sqlite: SqliteConnection;
  db: Kysely<Schema>;
  /** Seals the audit chain; derived from the database key at open and wiped at close. */
  auditKey: Buffer;
  /** The whole-file check started at open: null when sound, the error when damaged. */
  integrity: Promise<AppError | null>;
  close(): Promise<void>;
}

/** How much of the file to read before trusting it: the schema only, SQLite's quick check, or the full one. */
export type IntegrityCheck = 'schema' | 'quick' | 'full';

function applyKey(sqlite: SqliteConnection, key: Buffer): void {
  // A 64-hex-digit blob literal is used as the raw key, skipping the cipher's own KDF:
  // the key is already random, and opening stays fast.
  sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
}

function isSqliteError(error: unknown, ...codes: string[]): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && codes.some((c) => code.startsWith(c));
}

/**
 * SQLite's word for a page it cannot read, as the app's typed error. The key
 * was proven by the wrapper's GCM tag, so an unreadable page means damage.
 */
export function asCorruption(error: unknown): AppError | null {
  if (error instanceof AppError) return error.code === 'DATABASE_CORRUPT' ? error : null;
  if (!isSqliteError(error, 'SQLITE_NOTADB', 'SQLITE_CORRUPT')) return null;
  return new AppError('DATABASE_CORRUPT', undefined, { params: { detail: (error as Error).message } });
}

/**
 * Checks a database file before anything may write to it: the key opens it,
 * its schema is not from a newer app, and the chosen integrity check passes.
 * Done on a read-only connection so that even closing it cannot touch the file.
 */
export function inspectDatabaseFile(file: string, key: Buffer, check: IntegrityCheck = 'quick'): { schemaVersion: number } {
  // A read-only look at a WAL database makes empty -wal/-shm files; remove the ones we made.
  const sidecars = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  try {
    return inspect(file, key, check);
  } finally {
    if (sidecars.every((f) => !existsSync(f) || f.endsWith('-shm') || statSync(f).size === 0)) {
      for (const f of sidecars) rmSync(f, { force: true });
    }
  }
}

function inspect(file: string, key: Buffer, check: IntegrityCheck): { schemaVersion: number } {
  let sqlite: SqliteConnection;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isSqliteError(error, 'SQLITE_CANTOPEN')) throw new AppError('NOT_FOUND', 'errors.DATABASE_MISSING');
    throw error;
  }
  try {
    applyKey(sqlite, key);
    const schemaVersion = sqlite.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > SCHEMA_VERSION) {
      throw new AppError('DATABASE_NEWER', undefined, { params: { found: schemaVersion, supported: SCHEMA_VERSION } });
    }
    if (check === 'schema') {
      sqlite.prepare('select count(*) from sqlite_schema').get();
      return { schemaVersion };
    }
    const rows = sqlite.pragma(check === 'full' ? 'integrity_check' : 'quick_check') as { [k: string]: string }[];
    const problems = rows.map((r) => Object.values(r)[0]).filter((v) => v !== 'ok');
    if (problems.length > 0) {
      throw new AppError('DATABASE_CORRUPT', undefined, { params: { detail: problems.slice(0, 3).join('; ') } });
    }
    return { schemaVersion };
  } catch (error) {
    throw asCorruption(error) ?? error;
  } finally {
    sqlite.close();
  }
}

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<Schema>, sqlite: SqliteConnection): Promise<void> {
  // Up to date: skip the migrator, whose lock row would otherwise write on every open.
  if (sqlite.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
  const { error } = await new Migrator({ db, provider: new StaticMigrationProvider() }).migrateToLatest();
  if (error) throw error;
  sqlite.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/**
 * Opens (or creates) the practice database with its raw key, checks it, and
 * migrates it before any screen can use it. The key, the schema version and
 * the schema pages are checked before opening for writing; the whole-file
 * quick check runs alongside in a worker (see integrity-check.ts).
 */
export async function openPracticeDatabase(file: string, key: Buffer, options: { create?: boolean } = {}): Promise<PracticeDatabase> {
  const exists = existsSync(file);
  if (!exists && !options.create) throw new AppError('NOT_FOUND', 'errors.DATABASE_MISSING');
  if (exists) inspectDatabaseFile(file, key, 'schema');

  const sqlite = new Database(file, { fileMustExist: exists });
  try {
    // Owner-only, like the key file: SQLite gives its -wal and -shm files the same mode.
    if (!exists) chmodSync(file, 0o600);
    applyKey(sqlite, key);
    // Set before the first table, the only time it can be set without rewriting the file: once the hub has the
    // outbox's changes their pages can be handed back to the disk a few at a time (see free-pages.ts).
    if (!exists) sqlite.pragma('auto_vacuum = INCREMENTAL');
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit that returned survives power loss, so "saved" is true.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db, sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Started after migrating: a check reading the schema while a migration rewrites it reports false damage.
  const keyCopy = Buffer.from(key);
  const check = exists ? checkIntegrityInBackground(file, key, () => inspectDatabaseFile(file, keyCopy, 'quick')) : null;
  const integrity = (check?.result ?? Promise.resolve(null)).finally(() => keyCopy.fill(0));
  const auditKey = deriveAuditKey(key);
  return {
    sqlite,
    db,
    auditKey,
    integrity,
    async close() {
      // Not awaited: a worker cannot be stopped inside SQLite's native check, which on a
      // large practice runs for seconds, and quitting must not wait for it. Its read-only
      // connection ends with it; at worst it leaves an empty -wal/-shm pair for the next open.
      void check?.stop();
      await db.destroy();
      auditKey.fill(0);
    },
  };
}
