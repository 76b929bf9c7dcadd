import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditAnchorTable, AuditLogTable } from '../db/schema';

/**
 * Append-only audit trail. Each workstation keeps its own chain (rows are born
 * on many machines and arrive by sync), numbered by `seq`; each entry's hash
 * covers the previous entry's hash, so an edited or removed entry breaks every
 * hash after it.
 *
 * The hashes are HMACs under a key derived from the practice's database key,
 * so recomputing a chain after an edit needs that key, not just SQL access to
 * the rows. The chain's head (last seq and hash) is kept outside the rows, in
 * `audit_anchor` and as a checkpoint in the key file, each sealed with the
 * same key: deleting the newest entries, or all of them, leaves an anchor that
 * names an entry that is gone.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  userId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  /** Never patient data in clear beyond ids: the log is read by admins. */
  details?: Record<string, unknown>;
}

export type AuditFields = Omit<AuditLogTable, 'hash'>;

/** The chain's head as the anchor and the checkpoint keep it. */
export interface ChainHead {
  deviceId: string;
  seq: number;
  hash: string;
  /** The first entry hashed with the audit key; earlier ones (from before keying) use plain SHA-256. */
  keyedFrom: number;
}

/** The head sealed for the key file. */
export interface AuditCheckpoint extends ChainHead {
  mac: string;
}

/** Derived, never stored: HKDF gives the chain a key of its own, so it reveals nothing of the database key. */
export function deriveAuditKey(databaseKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'consulta-dental/audit-chain/v1', 32));
}

function canonical(entry: AuditFields): string {
  return JSON.stringify([
    entry.id,
    entry.device_id,
    entry.seq,
    entry.at,
    entry.user_id,
    entry.action,
    entry.entity,
    entry.entity_id,
    entry.details,
    entry.prev_hash,
  ]);
}

/** How entries written before the chain was keyed were hashed. */
export function unkeyedHash(entry: AuditFields): string {
  return createHash('sha256').update(canonical(entry)).digest('hex');
}

export function keyedHash(key: Buffer, entry: AuditFields): string {
  return createHmac('sha256', key).update(canonical(entry)).digest('hex');
}

/** `purpose` keeps an anchor's MAC from ever equalling a checkpoint's or an entry's. */
function headMac(key: Buffer, purpose: 'anchor' | 'checkpoint', head: ChainHead): string {
  return createHmac('sha256', key).update(JSON.stringify([purpose, head.deviceId, head.seq, head.hash, head.keyedFrom])).digest('hex');
}

export function macMatches(key: Buffer, purpose: 'anchor' | 'checkpoint', head: ChainHead, mac: string): boolean {
  const expected = Buffer.from(headMac(key, purpose, head), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function sealCheckpoint(key: Buffer, head: ChainHead): AuditCheckpoint {
  return { ...head, mac: headMac(key, 'checkpoint', head) };
}

export function anchorHead(row: AuditAnchorTable): ChainHead {
  return { deviceId: row.device_id, seq: row.seq, hash: row.hash, keyedFrom: row.keyed_from };
}

/**
 * This workstation's chain in one database. Appends run on the raw connection
 * with prepared statements, inside the caller's transaction: the audit entry
 * and the anchor commit with the change they record, or not at all.
 */
export class AuditChain {
  private readonly statements;

  constructor(
    sqlite: Database.Database,
    readonly deviceId: string,
    private readonly key: Buffer,
    /** The key file's sealed copy of the head, as read at open. */
    private readonly checkpoint: AuditCheckpoint | null = null,
  ) {
    this.statements = {
      anchor: sqlite.prepare<[string], AuditAnchorTable>('SELECT * FROM audit_anchor WHERE device_id = ?'),
      lastEntry: sqlite.prepare<[string], { seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_log WHERE device_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      insertEntry: sqlite.prepare(
        `INSERT INTO audit_log (id, device_id, seq, at, user_id, action, entity, entity_id, details, prev_hash, hash)
         VALUES (@id, @device_id, @seq, @at, @user_id, @action, @entity, @entity_id, @details, @prev_hash, @hash)`,
      ),
      writeAnchor: sqlite.prepare(
        `INSERT INTO audit_anchor (device_id, seq, hash, keyed_from, mac) VALUES (@deviceId, @seq, @hash, @keyedFrom, @mac)
         ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, keyed_from = excluded.keyed_from, mac = excluded.mac`,
      ),
    };
  }

  /**
   * The sealed head. A database from before keying has no anchor until its
   * first entry here: entries from then on are keyed. If the key file's sealed
   * checkpoint says where keying began, that is kept, so a deleted anchor
   * cannot move it. Nothing is written until an entry is: opening a file
   * (perhaps a damaged one) must not change it.
   */
  head(): ChainHead {
    const anchor = this.statements.anchor.get(this.deviceId);
    if (anchor) return anchorHead(anchor);
    const last = this.statements.lastEntry.get(this.deviceId);
    const seq = last?.seq ?? 0;
    const sealed = this.checkpoint?.deviceId === this.deviceId && macMatches(this.key, 'checkpoint', this.checkpoint, this.checkpoint.mac);
    return { deviceId: this.deviceId, seq, hash: last?.hash ?? GENESIS_HASH, keyedFrom: sealed ? this.checkpoint!.keyedFrom : seq + 1 };
  }

  /** Must run inside a transaction on this connection. */
  append(input: AuditInput, now: Date = new Date()): void {
    const head = this.head();
    const fields: AuditFields = {
      id: uuidv7(),
      device_id: this.deviceId,
      seq: head.seq + 1,
      at: now.toISOString(),
      user_id: input.userId,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
      prev_hash: head.hash,
    };
    const hash = keyedHash(this.key, fields);
    this.statements.insertEntry.run({ ...fields, hash });
    this.writeAnchor({ ...head, seq: fields.seq, hash });
  }

  sealedHead(): AuditCheckpoint {
    return sealCheckpoint(this.key, this.head());
  }

  private writeAnchor(head: ChainHead): void {
    this.statements.writeAnchor.run({ ...head, mac: headMac(this.key, 'anchor', head) });
  }
}
