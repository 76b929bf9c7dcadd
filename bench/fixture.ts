import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import type { AppCore } from '../src/main/app-core';
import { practicePaths } from '../src/main/db/data-dir';
import { readKeyFile, unlockKey } from '../src/main/db/keys';
import type { PracticeDatabase, SqliteConnection } from '../src/main/db/practice-database';
import type { Schema } from '../src/main/db/schema';
import { DEMO_GENERATOR_VERSION, DEMO_SEED, generateDemo, holdsPractice } from '../src/main/demo/generate-demo';
import { info } from './harness';

const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const BENCH_DATA = join(REPO_ROOT, '.bench-data');
/** Not a secret: the bench practice holds demo data only, and .bench-data is gitignored. */
export const BENCH_PASSPHRASE = 'bench-only passphrase, demo data';

interface Marker {
  generatorVersion: number;
  seed: string;
  size: 'large';
}

/**
 * The large demo practice, made once and reused: 60,000 patients take a few
 * seconds to generate, and every bench should see the same data. A marker
 * beside it records which generator made it; a missing or stale marker
 * (an interrupted run, a newer demo) means it is made again.
 */
export async function ensureLargeDemo(): Promise<{ dataDir: string; passphrase: string }> {
  const dataDir = join(BENCH_DATA, 'large');
  const markerFile = join(BENCH_DATA, 'large.json');
  const wanted: Marker = { generatorVersion: DEMO_GENERATOR_VERSION, seed: DEMO_SEED, size: 'large' };
  const current = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Marker) : null;
  if (current && JSON.stringify(current) === JSON.stringify(wanted) && holdsPractice(dataDir)) {
    info(`reusing the large demo practice in ${dataDir}`);
    return { dataDir, passphrase: BENCH_PASSPHRASE };
  }

  info(`creating the large demo practice in ${dataDir} (once; reused by later runs)`);
  rmSync(markerFile, { force: true });
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(BENCH_DATA, { recursive: true });
  let lastTenth = -1;
  const summary = await generateDemo({
    dataDir,
    passphrase: BENCH_PASSPHRASE,
    size: 'large',
    seed: DEMO_SEED,
    onProgress: ({ step, done, total }) => {
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (step === 'patients' && tenth !== lastTenth) info(`  patients ${done}/${total}`);
      lastTenth = tenth;
    },
  });
  info(`demo created in ${(summary.totalMs / 1000).toFixed(1)} s (${summary.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`).join(', ')})`);
  writeFileSync(markerFile, JSON.stringify(wanted, null, 2));
  return { dataDir, passphrase: BENCH_PASSPHRASE };
}

export async function unwrapKey(dataDir: string, passphrase: string): Promise<Buffer> {
  return unlockKey(readKeyFile(practicePaths(dataDir).keys)!, passphrase, undefined);
}

/** A file copy of the practice database (and its WAL, if a run left one), still encrypted with the same key. */
export function copyEncrypted(dataDir: string, target: string): string {
  const paths = practicePaths(dataDir);
  copyFileSync(paths.database, target);
  if (existsSync(paths.wal)) copyFileSync(paths.wal, `${target}-wal`);
  return target;
}

/**
 * A plain (unencrypted) copy of the same pages: SQLite3MultipleCiphers has no
 * sqlcipher_export, but rekeying to an empty key decrypts in place. Rekeying
 * needs a rollback journal, so WAL is switched off for it and back on after.
 */
export function copyDecrypted(dataDir: string, key: Buffer, target: string): string {
  copyEncrypted(dataDir, target);
  const sqlite = new Database(target);
  try {
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma(`rekey = ''`);
    sqlite.pragma('journal_mode = WAL');
  } finally {
    sqlite.close();
  }
  if (!readFileSync(target).subarray(0, 16).equals(Buffer.from('SQLite format 3\0'))) {
    throw new Error(`${target} is still encrypted`);
  }
  return target;
}

/** The connection settings the app applies at open; the baseline copies them so that only the cipher differs. */
const MIRRORED_PRAGMAS = ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout', 'cache_size', 'temp_store'] as const;

export function openPlainDatabase(file: string, settingsFrom: SqliteConnection): PracticeDatabase {
  const sqlite = new Database(file, { fileMustExist: true });
  for (const name of MIRRORED_PRAGMAS) {
    const value = settingsFrom.pragma(name, { simple: true });
    sqlite.pragma(`${name} = ${String(value)}`);
    const applied = sqlite.pragma(name, { simple: true });
    if (String(applied) !== String(value)) throw new Error(`plain copy: ${name} is ${String(applied)}, wanted ${String(value)}`);
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    sqlite,
    db,
    // Its audit entries are never verified; any key seals them as fast.
    auditKey: Buffer.alloc(32, 1),
    // The baseline is a throwaway copy made a moment ago; there is nothing to check.
    integrity: Promise.resolve(null),
    async close() {
      await db.destroy();
    },
  };
}

/** A working copy of a practice folder (every read writes its audit entry, so benches never touch the original). */
export function copyPractice(fromDir: string, toDir: string): void {
  const from = practicePaths(fromDir);
  const to = practicePaths(toDir);
  mkdirSync(toDir, { recursive: true });
  for (const [a, b] of [
    [from.database, to.database],
    [from.wal, to.wal],
    [from.keys, to.keys],
    [from.workstation, to.workstation],
  ] as const) {
    if (existsSync(a)) copyFileSync(a, b);
  }
}

/** Calls the contract as connection "bench", and throws on any refusal so a bench never times an error. */
export function benchDispatcher(core: AppCore, connection = 'bench') {
  return async (name: string, input: unknown): Promise<unknown> => {
    const result = await core.dispatch(name, input, connection);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.messageKey} ${JSON.stringify(result.error.params ?? {})}`);
    return result.value;
  };
}
