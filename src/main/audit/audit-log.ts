import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditLogTable, Schema } from '../db/schema';

/**
 * Append-only audit trail. Each workstation keeps its own chain (rows are born
 * on many machines and arrive by sync), numbered by `seq`, and each entry's
 * hash covers the previous entry's hash, so an edited or removed entry breaks
 * every hash after it.
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

type AuditFields = Omit<AuditLogTable, 'hash'>;

export function hashAuditEntry(entry: AuditFields): string {
  const canonical = JSON.stringify([
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
  return createHash('sha256').update(canonical).digest('hex');
}

export async function appendAudit(
  trx: Transaction<Schema> | Kysely<Schema>,
  deviceId: string,
  input: AuditInput,
  now: Date = new Date(),
): Promise<void> {
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('device_id', '=', deviceId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields: AuditFields = {
    id: uuidv7(),
    device_id: deviceId,
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    user_id: input.userId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId ?? null,
    details: input.details ? JSON.stringify(input.details) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...fields, hash: hashAuditEntry(fields) })
    .execute();
}

export interface ChainReport {
  intact: boolean;
  checked: number;
  brokenAt: { workstationId: string; seq: number } | null;
}

/** Walks every workstation's chain in order and recomputes each hash. */
export async function verifyAuditChain(db: Kysely<Schema>): Promise<ChainReport> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('device_id').orderBy('seq').execute();
  let previous: { device: string; seq: number; hash: string } | null = null;
  let checked = 0;
  for (const row of rows) {
    const chainSoFar: { seq: number; hash: string } | null = previous?.device === row.device_id ? previous : null;
    const expectedPrev: string = chainSoFar ? chainSoFar.hash : GENESIS_HASH;
    const expectedSeq: number = chainSoFar ? chainSoFar.seq + 1 : 1;
    const { hash, ...fields } = row;
    if (row.seq !== expectedSeq || row.prev_hash !== expectedPrev || hashAuditEntry(fields) !== hash) {
      return { intact: false, checked, brokenAt: { workstationId: row.device_id, seq: row.seq } };
    }
    previous = { device: row.device_id, seq: row.seq, hash };
    checked++;
  }
  return { intact: true, checked, brokenAt: null };
}
