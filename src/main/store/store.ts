import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { AuditChain, type AuditCheckpoint, type AuditInput } from '../audit/audit-chain';
import type { PracticeDatabase } from '../db/practice-database';
import type { Schema, SyncedTable } from '../db/schema';
import { Outbox } from '../sync/outbox';

/** Who is acting, and from which workstation: stamped on every change and audit entry. */
export interface Actor {
  userId: string | null;
  deviceId: string;
}

type Row<T extends SyncedTable> = Insertable<Schema[T]> & { id: string };

/**
 * The only way to change data. Inside `write`, every insert, update and
 * tombstone also lands in the sync outbox, and the audit entry goes in the
 * same transaction: all of it commits, or none of it does.
 */
/** One row a committed transaction changed. */
export interface CommittedChange {
  table: SyncedTable;
  rowId: string;
  op: 'insert' | 'update';
  fields: Record<string, unknown>;
}

/** `remote`: applied from the hub (the sync client), not written here. */
export type CommitListener = (changes: readonly CommittedChange[], origin: 'local' | 'remote') => void;

export class WriteTx {
  /** What this transaction changed, told to listeners once it commits. */
  readonly changes: CommittedChange[] = [];

  constructor(
    readonly db: Transaction<Schema>,
    private readonly actor: Actor,
    private readonly outbox: Outbox,
    private readonly chain: AuditChain,
    /** The hub sequence number applied here when the transaction began: what its author had seen. */
    private readonly seenSeq = 0,
  ) {}

  async insert<T extends SyncedTable>(table: T, row: Row<T>): Promise<void> {
    // Kysely cannot relate a generic table name to its row type; the signature above does.
    await this.db.insertInto(table).values(row as never).execute();
    await this.change(table, row.id, 'insert', row);
  }

  async update<T extends SyncedTable>(table: T, id: string, fields: Updateable<Schema[T]>): Promise<void> {
    this.outbox.beforeUpdate(this.actor.deviceId, table, id, fields as Record<string, unknown>);
    const result = await this.db
      .updateTable(table as SyncedTable)
      .set(fields as never)
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error(`No ${table} row ${id} to update`);
    await this.change(table, id, 'update', fields as Record<string, unknown>);
  }

  /** Deleting keeps the row with a deletion time, so sync and history still see it. */
  async tombstone(table: 'patients', id: string, at: string): Promise<void> {
    await this.update(table, id, { deleted_at: at, updated_at: at });
  }

  async audit(entry: Omit<AuditInput, 'userId'>): Promise<void> {
    this.chain.append({ ...entry, userId: this.actor.userId });
  }

  private async change(table: SyncedTable, rowId: string, op: 'insert' | 'update', fields: object): Promise<void> {
    this.changes.push({ table, rowId, op, fields: fields as Record<string, unknown> });
    this.outbox.append({
      deviceId: this.actor.deviceId,
      userId: this.actor.userId,
      table,
      rowId,
      op,
      fields: fields as Record<string, unknown>,
      seenSeq: this.seenSeq,
    });
  }
}

export class Store {
  readonly clock: HybridLogicalClock;
  /** The last hub sequence number applied here; the sync client moves it, every change records it. */
  syncCursor = 0;
  /** The highest it ever was: a cursor moved back to fetch changes again does not make this workstation forget what it has seen. */
  seenSeq = 0;

  /** This workstation's audit chain in this database. */
  readonly audit: AuditChain;
  private readonly outbox: Outbox;

  private constructor(
    readonly database: PracticeDatabase,
    readonly deviceId: string,
    lastHlc: string | null,
    private readonly onCommit: CommitListener,
    checkpoint: AuditCheckpoint | null,
  ) {
    this.clock = new HybridLogicalClock(deviceId, Date.now, lastHlc);
    this.audit = new AuditChain(database.sqlite, deviceId, database.auditKey, checkpoint);
    this.outbox = new Outbox(database.sqlite, this.clock);
  }

  /**
   * Resumes the clock after the newest change this workstation ever stamped.
   * `onCommit` hears every committed write, so open windows can be told what changed.
   */
  static async open(
    database: PracticeDatabase,
    deviceId: string,
    onCommit: CommitListener = () => {},
    /** The key file's sealed copy of the chain's head, if any. */
    checkpoint: AuditCheckpoint | null = null,
  ): Promise<Store> {
    const last = await database.db
      .selectFrom('sync_outbox')
      .select((eb) => eb.fn.max('hlc').as('hlc'))
      .executeTakeFirst();
    // Acknowledged changes leave the outbox; their newest clock stays in sync_state.
    const kept = await database.db.selectFrom('sync_state').select('value').where('key', '=', 'last_hlc').executeTakeFirst();
    const newest = [last?.hlc ?? null, kept?.value ?? null].filter((h): h is string => h !== null).sort().pop() ?? null;
    return new Store(database, deviceId, newest, onCommit, checkpoint);
  }

  get db(): Kysely<Schema> {
    return this.database.db;
  }

  async write<T>(actor: Actor, work: (tx: WriteTx) => Promise<T>): Promise<T> {
    let tx: WriteTx | undefined;
    const result = await this.db.transaction().execute((trx) => work((tx = new WriteTx(trx, actor, this.outbox, this.audit, Math.max(this.syncCursor, this.seenSeq)))));
    if (tx && tx.changes.length > 0) this.onCommit(tx.changes, 'local');
    return result;
  }

  /**
   * Runs synchronous work on the raw connection while holding Kysely's, so no
   * other query or open transaction interleaves with it (sync applies this way).
   */
  exclusive<T>(work: (sqlite: PracticeDatabase['sqlite']) => T): Promise<T> {
    return this.db.connection().execute(async () => work(this.database.sqlite));
  }

  /** Tells the commit listeners about rows changed outside `write` (applied from the hub). */
  announce(changes: readonly CommittedChange[]): void {
    if (changes.length > 0) this.onCommit(changes, 'remote');
  }

  /** Reads protected data and records who read it. */
  async readAudited<T>(actor: Actor, entry: Omit<AuditInput, 'userId'>, read: (db: Kysely<Schema>) => Promise<T>): Promise<T> {
    const result = await read(this.db);
    // The entry and the anchor commit together, on Kysely's connection so no other transaction interleaves.
    await this.exclusive((sqlite) => sqlite.transaction(() => this.audit.append({ ...entry, userId: actor.userId }))());
    return result;
  }

  close(): Promise<void> {
    return this.database.close();
  }
}
