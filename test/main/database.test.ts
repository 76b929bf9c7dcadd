import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrations, SCHEMA_VERSION } from '../../migrations';
import { readKeyFile, unlockKey } from '../../src/main/db/keys';
import { practicePaths } from '../../src/main/db/data-dir';
import { inspectDatabaseFile, openPracticeDatabase } from '../../src/main/db/practice-database';
import { PracticeVault } from '../../src/main/practice/practice-vault';
import { AppError } from '../../src/shared/contract/errors';
import { call, callError, PASSPHRASE, setUpPractice, startCore, tempDir } from '../support/practice';

const fingerprint = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
const fingerprints = (dataDir: string) => {
  const p = practicePaths(dataDir);
  return [p.database, p.wal, p.shm, p.keys].map(fingerprint);
};

async function rawKey(dataDir: string): Promise<Buffer> {
  return unlockKey(readKeyFile(practicePaths(dataDir).keys)!, PASSPHRASE, undefined);
}

describe('the practice database on disk', () => {
  it('holds no plaintext in the database file or its WAL', async () => {
    const { core, dataDir } = await setUpPractice();
    const marker = 'Zúñiga-Ortúzar-7f3a';
    await call(core, 'admin', 'users.create', {
      givenNames: 'Josefina',
      firstSurname: marker,
      secondSurname: 'Ñuñoa',
      username: 'jzuniga',
      role: 'dentist',
      password: 'dentist-password',
      language: 'es',
    });
    const { wal, database, keys } = practicePaths(dataDir);
    // The WAL has not been checkpointed yet, so the new row lives there.
    expect(existsSync(wal)).toBe(true);
    for (const file of [database, wal]) {
      const bytes = readFileSync(file);
      expect(bytes.length).toBeGreaterThan(0);
      for (const needle of [marker, 'Josefina', 'jzuniga', 'Clínica Dental Los Aromos', 'SQLite format 3']) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false);
      }
    }
    expect(readFileSync(keys, 'utf8')).not.toContain((await rawKey(dataDir)).toString('hex'));
    // And the same bytes do read back with the key: the data is there, just not in clear.
    const reopened = await openPracticeDatabase(database, await rawKey(dataDir));
    const row = await reopened.db.selectFrom('users').select('first_surname').where('username', '=', 'jzuniga').executeTakeFirst();
    expect(row?.first_surname).toBe(marker);
    await reopened.close();
  });

  it('uses WAL, synchronous=FULL and foreign keys', async () => {
    const { core } = await setUpPractice();
    const { sqlite } = core.vault.store().database;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('migrates an empty database to the latest schema', async () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 7);
    const db = await openPracticeDatabase(`${dir}/fresh.db`, key, { create: true });
    const applied = await db.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(applied.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
    expect(db.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = db.sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['practice', 'users', 'patients', 'sync_outbox', 'audit_log', 'settings']));
    await db.close();
    // Opening again is a no-op migration.
    const again = await openPracticeDatabase(`${dir}/fresh.db`, key);
    expect(again.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    await again.close();
  });

  it('refuses a wrong passphrase with a clear error and writes nothing', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const before = fingerprints(dataDir);
    const locked = await startCore({ dataDir });
    expect((await call(locked, 'x', 'app.status', {})).state).toBe('database-locked');
    const error = await callError(locked, 'x', 'app.openDatabase', { passphrase: 'not the passphrase' });
    expect(error).toMatchObject({ code: 'WRONG_PASSPHRASE', messageKey: 'errors.WRONG_PASSPHRASE' });
    expect(fingerprints(dataDir)).toEqual(before);
    // The right one still opens it.
    await call(locked, 'x', 'app.openDatabase', { passphrase: PASSPHRASE });
    expect((await call(locked, 'x', 'app.status', {})).state).toBe('ready');
  });

  it('refuses a database written by a newer app version and leaves the file untouched', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const key = await rawKey(dataDir);
    const raw = new Database(practicePaths(dataDir).database);
    raw.pragma(`key = "x'${key.toString('hex')}'"`);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fingerprints(dataDir);
    const vault = new PracticeVault(dataDir, { id: 'ws', name: 'ws' });
    await expect(vault.open(PASSPHRASE)).rejects.toMatchObject({
      value: { code: 'DATABASE_NEWER', params: { found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION } },
    });
    expect(fingerprints(dataDir)).toEqual(before);
  });

  it('detects a corrupted file at open, reports it and does not repair it', async () => {
    const { core, dataDir } = await setUpPractice();
    for (let i = 0; i < 40; i++) {
      await call(core, 'admin', 'users.create', {
        givenNames: `Persona ${i}`,
        firstSurname: 'Muñoz',
        username: `persona${i}`,
        role: 'assistant',
        password: 'assistant-password',
      });
    }
    await core.close();
    const { database } = practicePaths(dataDir);
    const bytes = readFileSync(database);
    expect(bytes.length).toBeGreaterThan(4096 * 3);
    // Flip bytes in the middle of the third page, past the header, as a failing disk would.
    for (let i = 0; i < 64; i++) bytes[4096 * 2 + 512 + i]! ^= 0xff;
    writeFileSync(database, bytes);
    const before = fingerprints(dataDir);
    const vault = new PracticeVault(dataDir, { id: 'ws', name: 'ws' });
    // Found either while opening (a page the open reads) or by the whole-file check that follows.
    const error = await vault
      .open(PASSPHRASE)
      .then(() => vault.integrityChecked())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATABASE_CORRUPT');
    expect(vault.problem?.code).toBe('DATABASE_CORRUPT');
    expect(() => vault.store()).toThrow(AppError);
    await vault.close();
    expect(fingerprints(dataDir)).toEqual(before);
  });

  it('finds damage in a page the open does not read, reports it to the app and stops using the file', async () => {
    const { core, dataDir } = await setUpPractice();
    const store = core.vault.store();
    // Enough rows that the table spans many pages the open never touches.
    await store.write({ userId: null, deviceId: store.deviceId }, async (tx) => {
      for (let i = 0; i < 400; i++) {
        const at = new Date().toISOString();
        await tx.insert('operatories', { id: `op-${String(i).padStart(4, '0')}`, name: `Sillón ${i} ${'x'.repeat(200)}`, sort_order: i, active: 1, created_at: at, updated_at: at });
      }
    });
    await core.close();
    const { database } = practicePaths(dataDir);
    const bytes = readFileSync(database);
    const lastPage = Math.floor(bytes.length / 4096) - 1;
    for (let i = 0; i < 64; i++) bytes[lastPage * 4096 + 1024 + i]! ^= 0xff;
    writeFileSync(database, bytes);
    const reopened = await startCore({ dataDir });
    const opening = await reopened.dispatch('app.openDatabase', { passphrase: PASSPHRASE }, 'w');
    // The open itself reads only the schema and the first rows, so it succeeds; the check behind it does not.
    expect(opening.ok).toBe(true);
    await reopened.vault.integrityChecked().catch(() => undefined);
    const status = await call(reopened, 'w', 'app.status', {});
    expect(status.problem?.code).toBe('DATABASE_CORRUPT');
    // Before sign-in, anyone at the window learns only that the file is damaged; the details are for `npm run verify`.
    expect(status.problem?.params).toBeUndefined();
    expect(status.problem?.fields).toBeUndefined();
    expect(reopened.vault.problem?.value.params?.detail).toBeTruthy();
    expect(status.state).toBe('database-locked');
    expect((await callError(reopened, 'w', 'auth.signIn', { username: 'admin', password: 'admin-password-1' })).code).toBe('DATABASE_CORRUPT');
  });

  it('checks the full integrity on demand', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    expect(inspectDatabaseFile(practicePaths(dataDir).database, await rawKey(dataDir), 'full')).toEqual({ schemaVersion: SCHEMA_VERSION });
  });
});
