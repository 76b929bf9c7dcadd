import type { Kysely } from 'kysely';
import { decodeHlc, MAX_CLOCK_SKEW_MS } from '../../shared/sync/hlc';
import type { Envelope, PushResponse, SequencedEnvelope } from '../../shared/sync/protocol';
import { authorizeChange } from '../../shared/sync/tables';
import type { DeviceRow } from './hub-devices';
import type { HubSchema } from './hub-store';

/**
 * Ingests one pushed batch in ONE transaction. Transactions on the store are
 * serialized, so reading max(seq) then inserting gives a gap-free total order,
 * and looking up change_id first makes a retry return its existing seq.
 */
export async function ingestBatch(db: Kysely<HubSchema>, device: DeviceRow, changes: Envelope[], now = Date.now()): Promise<PushResponse> {
  const accepted: PushResponse['accepted'] = [];
  const refused: PushResponse['refused'] = [];
  const at = new Date(now).toISOString();
  await db.transaction().execute(async (tx) => {
    const head = await tx.selectFrom('hub_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    let next = Number(head?.m ?? 0) + 1;
    for (const change of changes) {
      const refusal = refusalFor(device, change, now);
      if (refusal) {
        refused.push(refusal);
        await tx
          .insertInto('hub_refusals')
          .values({ at, device_id: device.device_id, change_id: change.changeId, reason: refusal.reason, table_name: change.table, op: change.op, role: change.role })
          .execute();
        continue;
      }
      const existing = await tx.selectFrom('hub_log').select('seq').where('change_id', '=', change.changeId).executeTakeFirst();
      if (existing) {
        accepted.push({ changeId: change.changeId, seq: Number(existing.seq) });
        continue;
      }
      await tx
        .insertInto('hub_log')
        .values({
          seq: next,
          change_id: change.changeId,
          hlc: change.hlc,
          device_id: change.deviceId,
          user_id: change.userId,
          role: change.role,
          table_name: change.table,
          row_id: change.rowId,
          op: change.op,
          seen_seq: change.seenSeq,
          sealed: change.sealed,
          received_at: at,
          practice_id: device.practice_id,
        })
        .execute();
      accepted.push({ changeId: change.changeId, seq: next++ });
    }
    await tx.updateTable('hub_devices').set({ last_seen_at: at }).where('device_id', '=', device.device_id).execute();
  });
  return { accepted, refused, hubTime: now };
}

function refusalFor(device: DeviceRow, change: Envelope, now: number): PushResponse['refused'][number] | null {
  if (change.deviceId !== device.device_id) return { changeId: change.changeId, reason: 'DEVICE_MISMATCH' };
  const aheadMs = decodeHlc(change.hlc).wallMs - now;
  if (aheadMs > MAX_CLOCK_SKEW_MS) return { changeId: change.changeId, reason: 'CLOCK_SKEW', aheadMs };
  const verdict = authorizeChange(change.role, change.table, change.op);
  return verdict === 'ok' ? null : { changeId: change.changeId, reason: verdict };
}

export async function logHead(db: Kysely<HubSchema>): Promise<number> {
  const head = await db.selectFrom('hub_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(head?.m ?? 0);
}

/** Roughly how much sealed text one pull answers with, so a run of large rows never makes a huge response. */
export const PULL_BYTES_BUDGET = 8 * 1024 * 1024;

export async function readLog(db: Kysely<HubSchema>, after: number, limit: number): Promise<SequencedEnvelope[]> {
  const all = await db.selectFrom('hub_log').selectAll().where('seq', '>', after).orderBy('seq').limit(limit).execute();
  // A page also stops at a byte budget (document chunks are ~0.7 MB each), always keeping at least one row.
  let bytes = 0;
  let end = 0;
  while (end < all.length && (end === 0 || bytes + all[end]!.sealed.length <= PULL_BYTES_BUDGET)) bytes += all[end++]!.sealed.length;
  const rows = all.slice(0, end);
  return rows.map((r) => ({
    seq: Number(r.seq),
    changeId: r.change_id,
    hlc: r.hlc,
    deviceId: r.device_id,
    userId: r.user_id,
    role: r.role as Envelope['role'],
    table: r.table_name,
    rowId: r.row_id,
    op: r.op as Envelope['op'],
    seenSeq: Number(r.seen_seq),
    sealed: r.sealed,
  }));
}

/** The pull is the device's acknowledgement: it asks after what it has applied. */
export async function recordPull(db: Kysely<HubSchema>, deviceId: string, after: number): Promise<void> {
  await db.updateTable('hub_devices').set({ applied_seq: after, last_seen_at: new Date().toISOString() }).where('device_id', '=', deviceId).execute();
}
