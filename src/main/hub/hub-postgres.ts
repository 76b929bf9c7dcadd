import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { generate } from 'selfsigned';
import { keyFileSchema, newDatabaseKey, unlockKey, wrapWithPassphrase } from '../db/keys';
import { authoredInsertIndex, type HubSchema, type HubStore } from './hub-store';
import { AUTHORED_TABLES } from '../../shared/sync/tables';

/**
 * The hub's store on PostgreSQL: one database holds the hubs of several
 * practices, every row keyed by practice id, and any number of stateless hub
 * processes serve it. What a hub process needs is in the database itself:
 * the TLS identity (one for all processes, so a workstation's pin holds
 * whichever process answers) and the store key that seals the TLS private
 * key, itself wrapped under the admin's passphrase (scrypt + AES-GCM, as the
 * embedded hub's key file). So each process takes only the URL and the
 * passphrase. Payloads arrive sealed by the workstations and stay so.
 */
const CHANNEL = 'consulta_dental_hub';
/** Any constant: schema creation and the first identity are made by one process at a time. */
const SETUP_LOCK = 7_443_001;

export interface HubIdentity {
  hubId: string;
  keyPem: string;
  certPem: string;
}

export interface OpenPostgresOptions {
  url: string;
  passphrase: string;
  /** For a migration: the identity the embedded hub's workstations already pinned; refused if the store has another. */
  identity?: HubIdentity;
  /** Connections per hub process. */
  poolSize?: number;
}

export class IdentityMismatchError extends Error {
  constructor(readonly storeHubId: string) {
    super(`This PostgreSQL already serves hub ${storeHubId}, with another certificate`);
  }
}

const DDL = [
  `CREATE TABLE IF NOT EXISTS hub_meta (key text PRIMARY KEY, value text NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS hub_practices (practice_id text PRIMARY KEY, head bigint NOT NULL DEFAULT 0, created_at text NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS hub_devices (
     practice_id text NOT NULL REFERENCES hub_practices (practice_id),
     device_id text NOT NULL,
     name text NOT NULL,
     token_hash text NOT NULL UNIQUE,
     enrolled_at text NOT NULL,
     last_seen_at text,
     revoked_at text,
     applied_seq bigint NOT NULL DEFAULT 0,
     PRIMARY KEY (practice_id, device_id))`,
  // The primary key is the pull's index (practice, seq > cursor); the unique one makes a change land once per practice.
  `CREATE TABLE IF NOT EXISTS hub_log (
     practice_id text NOT NULL REFERENCES hub_practices (practice_id),
     seq bigint NOT NULL,
     change_id text NOT NULL,
     hlc text NOT NULL,
     device_id text NOT NULL,
     user_id text,
     role text NOT NULL,
     table_name text NOT NULL,
     row_id text NOT NULL,
     op text NOT NULL,
     seen_seq bigint NOT NULL,
     sealed text NOT NULL,
     received_at text NOT NULL,
     PRIMARY KEY (practice_id, seq),
     UNIQUE (practice_id, change_id))`,
  `CREATE TABLE IF NOT EXISTS hub_refusals (
     id bigserial PRIMARY KEY,
     practice_id text NOT NULL,
     at text NOT NULL,
     device_id text NOT NULL,
     change_id text NOT NULL,
     reason text NOT NULL,
     table_name text NOT NULL,
     op text NOT NULL,
     role text NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS hub_pairings (
     pairing_id text PRIMARY KEY,
     practice_id text NOT NULL,
     created_by text NOT NULL,
     expires_at text NOT NULL,
     state text NOT NULL,
     join_body text,
     claim_hash text,
     approval_body text)`,
];

function sealer(key: Buffer) {
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, data, cipher.getAuthTag()]).toString('base64');
    },
    unseal(sealed: string): string {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

async function newIdentity(): Promise<HubIdentity> {
  const notAfter = new Date(Date.now() + 20 * 365 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: 'consulta-dental-hub' }], { keySize: 2048, algorithm: 'sha256', notAfterDate: notAfter });
  return { hubId: `hub-${randomUUID()}`, keyPem: pems.private, certPem: pems.cert };
}

/** Creates what is missing (tables, store key, identity) under one advisory lock, then unlocks the key. */
async function setUp(db: Kysely<HubSchema>, options: OpenPostgresOptions): Promise<Buffer> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`.execute(tx);
    for (const statement of DDL) await sql.raw(statement).execute(tx);
    for (const table of AUTHORED_TABLES) await sql.raw(authoredInsertIndex(table, ['practice_id', 'row_id'])).execute(tx);
    const meta = async (key: string) => (await tx.selectFrom('hub_meta').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
    let keyFileJson = await meta('store_key');
    let key: Buffer;
    if (keyFileJson) {
      key = await unlockKey(keyFileSchema.parse(JSON.parse(keyFileJson)), options.passphrase, undefined);
    } else {
      key = newDatabaseKey();
      const databaseId = `hub-store-${randomUUID()}`;
      keyFileJson = JSON.stringify({ format: 1, databaseId, wrappers: [await wrapWithPassphrase(key, options.passphrase, databaseId)] });
      await tx.insertInto('hub_meta').values({ key: 'store_key', value: keyFileJson }).execute();
    }
    const { seal } = sealer(key);
    const certPem = await meta('tls_cert');
    if (!certPem) {
      const identity = options.identity ?? (await newIdentity());
      await tx
        .insertInto('hub_meta')
        .values([
          { key: 'hub_id', value: identity.hubId },
          { key: 'tls_cert', value: identity.certPem },
          { key: 'tls_key', value: seal(identity.keyPem) },
        ])
        .execute();
    } else if (options.identity && options.identity.certPem.trim() !== certPem.trim()) {
      throw new IdentityMismatchError((await meta('hub_id')) ?? '?');
    }
    return key;
  });
}

export async function openPostgresHubStore(options: OpenPostgresOptions): Promise<HubStore> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // A connection dropped while idle (PostgreSQL restarted) is replaced on next use; it must not kill the hub.
  pool.on('error', (error) => console.error('hub: PostgreSQL connection lost:', error.message));
  const db = new Kysely<HubSchema>({ dialect: new PostgresDialect({ pool }) });
  let key: Buffer;
  try {
    key = await setUp(db, options);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const listeners = new Set<(channel: 'changes' | 'pairings', practiceId: string) => void>();
  const listener = new Listener(options.url, (payload) => {
    const [channel, practiceId] = payload.split(' ', 2);
    if ((channel === 'changes' || channel === 'pairings') && practiceId) for (const l of listeners) l(channel, practiceId);
  });
  await listener.start();
  const { seal, unseal } = sealer(key);
  return {
    db,
    dir: null,
    kind: 'postgres',
    seal,
    unseal,
    async announce(channel, practiceId) {
      await sql`SELECT pg_notify(${CHANNEL}, ${`${channel} ${practiceId}`})`.execute(db);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      await listener.stop();
      await db.destroy();
    },
  };
}

/**
 * LISTEN on one dedicated connection, so a push taken by one hub process
 * wakes the long-polls waiting on every other. Reconnects when the
 * connection drops; meanwhile the long-polls' own periodic re-check covers.
 */
class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onPayload: (payload: string) => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload) this.onPayload(n.payload);
    });
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private reconnect(client: pg.Client): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    void client.end().catch(() => {});
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.start().catch(() => this.scheduleRetry());
    }, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
