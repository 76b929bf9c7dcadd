import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresAdapter, sql, SqliteDialect, type Generated } from 'kysely';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AUTHORED_TABLES } from '../../shared/sync/tables';

/**
 * The hub's own store: the log, devices, refusals and pairings. Queries stay
 * portable Kysely, and every one is scoped by practice id, so the same code
 * runs on the embedded SQLite (one practice) and on PostgreSQL (several
 * practices, several stateless hubs; see `hub-postgres.ts`). Only the log's
 * sequencing differs between the two (`hub-log.ts`).
 */
export interface HubSchema {
  hub_meta: { key: string; value: string };
  hub_devices: {
    device_id: string;
    practice_id: string;
    name: string;
    token_hash: string;
    enrolled_at: string;
    last_seen_at: string | null;
    revoked_at: string | null;
    applied_seq: number;
  };
  hub_log: {
    seq: number;
    change_id: string;
    hlc: string;
    device_id: string;
    user_id: string | null;
    role: string;
    table_name: string;
    row_id: string;
    op: string;
    seen_seq: number;
    sealed: string;
    received_at: string;
    practice_id: string;
  };
  /** PostgreSQL only: one row per practice, its log head, locked FOR UPDATE while a push is sequenced. */
  hub_practices: { practice_id: string; head: number; created_at: string };
  hub_refusals: {
    id: Generated<number>;
    practice_id: string | null;
    at: string;
    device_id: string;
    change_id: string;
    reason: string;
    table_name: string;
    op: string;
    role: string;
  };
  hub_pairings: {
    pairing_id: string;
    /** The creator's practice; null only on a pairing made before the column existed. */
    practice_id: string | null;
    created_by: string;
    expires_at: string;
    state: 'waiting' | 'claimed' | 'approved' | 'rejected' | 'expired';
    join_body: string | null;
    claim_hash: string | null;
    approval_body: string | null;
  };
}

export interface HubStore {
  db: Kysely<HubSchema>;
  /** The embedded store's folder; null for PostgreSQL. */
  dir: string | null;
  /** 'postgres': several practices and several hub processes share the store. */
  kind: 'sqlite' | 'postgres';
  /** Seals a secret kept in the store (the TLS key) when the store itself is not encrypted at rest. */
  seal?(plain: string): string;
  unseal?(sealed: string): string;
  /** Tells every hub process on this store (itself included) that a practice's log or pairings moved. */
  announce?(channel: 'changes' | 'pairings', practiceId: string): Promise<void>;
  /** Called on every announcement from any hub process; returns the unsubscribe. */
  subscribe?(listener: (channel: 'changes' | 'pairings', practiceId: string) => void): () => void;
  close(): Promise<void>;
}

/** True when `db` (or a transaction of it) talks to PostgreSQL. */
export const isPostgres = (db: Kysely<HubSchema>) => db.getExecutor().adapter instanceof PostgresAdapter;

export const HUB_DB_FILE = 'hub.db';

/** Opens (creating if needed) the encrypted hub store in `dir` with the 32-byte raw key. */
export async function openHubStore(dir: string, key: Buffer): Promise<HubStore> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, HUB_DB_FILE);
  const exists = existsSync(file);
  const sqlite = new Database(file);
  try {
    if (!exists) chmodSync(file, 0o600);
    // Same cipher setup as the practice database: SQLite3MultipleCiphers' default
    // ChaCha20-Poly1305 per page with the random key used raw (no second KDF).
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    // Reading the schema proves the key before anything is written.
    sqlite.pragma('user_version', { simple: true });
    sqlite.pragma('journal_mode = WAL');
    // FULL: a push the hub acknowledged survives power loss.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<HubSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await createHubSchema(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dir, kind: 'sqlite', close: () => db.destroy() };
}

/** Idempotent schema creation through the portable schema builder. */
async function createHubSchema(db: Kysely<HubSchema>): Promise<void> {
  await db.schema.createTable('hub_meta').ifNotExists().addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
  await db.schema
    .createTable('hub_devices')
    .ifNotExists()
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('applied_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('hub_log')
    .ifNotExists()
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('change_id', 'text', (c) => c.notNull().unique())
    .addColumn('hlc', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('seen_seq', 'bigint', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('practice_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hub_refusals')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('change_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('practice_id', 'text')
    .execute();
  await db.schema
    .createTable('hub_pairings')
    .ifNotExists()
    .addColumn('pairing_id', 'text', (c) => c.primaryKey())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('practice_id', 'text')
    .addColumn('join_body', 'text')
    .addColumn('claim_hash', 'text')
    .addColumn('approval_body', 'text')
    .execute();
  for (const table of AUTHORED_TABLES) await sql.raw(authoredInsertIndex(table, ['row_id'])).execute(db);
  // Stores made before the hub served several practices: scope their refusals and pairings too.
  for (const table of ['hub_refusals', 'hub_pairings']) {
    const columns = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
    if (!columns.rows.some((c) => c.name === 'practice_id')) await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN practice_id text`.execute(db);
  }
}

export async function getMeta(db: Kysely<HubSchema>, key: string): Promise<string | null> {
  const row = await db.selectFrom('hub_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setMeta(db: Kysely<HubSchema>, key: string, value: string): Promise<void> {
  const existing = await getMeta(db, key);
  if (existing === null) await db.insertInto('hub_meta').values({ key, value }).execute();
  else await db.updateTable('hub_meta').set({ value }).where('key', '=', key).execute();
}

/**
 * Finds who inserted a clinician's draft (see draftAuthors in hub-log.ts). Partial: only those
 * inserts are indexed, so ingesting everything else costs nothing more. Table names are ours.
 */
export function authoredInsertIndex(table: string, columns: readonly string[]): string {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  return `CREATE INDEX IF NOT EXISTS hub_log_insert_${table} ON hub_log (${columns.join(', ')}) WHERE op = 'insert' AND table_name = '${table}'`;
}
