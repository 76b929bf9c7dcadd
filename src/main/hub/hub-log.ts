import { type Insertable, type Kysely, sql } from 'kysely';
import { decodeHlc, MAX_CLOCK_SKEW_MS } from '../../shared/sync/hlc';
import type { Envelope, PushResponse, SequencedEnvelope } from '../../shared/sync/protocol';
import { AUTHORED_TABLES, authorizeChange, draftAuthorVerdict } from '../../shared/sync/tables';
import type { DeviceRow } from './hub-devices';
import { isPostgres, type HubSchema } from './hub-store';

/**
 * Ingests one pushed batch in ONE transaction. Transactions on the embedded
 * store are serialized, so reading max(seq) then inserting gives a gap-free
 * total order, and looking up change_id first makes a retry return its
 * existing seq. On PostgreSQL see `ingestPostgres`.
 */
export async function ingestBatch(db: Kysely<HubSchema>, device: DeviceRow, changes: Envelope[], now = Date.now()): Promise<PushResponse> {
  if (isPostgres(db)) return ingestPostgres(db, device, changes, now);
  const accepted: PushResponse['accepted'] = [];
  const refused: PushResponse['refused'] = [];
  const at = new Date(now).toISOString();
  await db.transaction().execute(async (tx) => {
    const head = await tx.selectFrom('hub_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    let next = Number(head?.m ?? 0) + 1;
    const admitted: Envelope[] = [];
    const authors = await draftAuthors(tx, device.practice_id, changes);
    for (const change of changes) {
      const refusal = refusalFor(device, change, now, authors);
      if (!refusal) {
        admitted.push(change);
        continue;
      }
      refused.push(refusal);
      await tx
        .insertInto('hub_refusals')
        .values({ at, practice_id: device.practice_id, device_id: device.device_id, change_id: change.changeId, reason: refusal.reason, table_name: change.table, op: change.op, role: change.role })
        .execute();
    }
    // What is logged already (a retried push) in a few queries, not one per change; a change twice in one batch gets one seq.
    const known = new Map<string, number>();
    const ids = [...new Set(admitted.map((c) => c.changeId))];
    for (let i = 0; i < ids.length; i += SQLITE_CHUNK) {
      const rows = await tx.selectFrom('hub_log').select(['change_id', 'seq']).where('change_id', 'in', ids.slice(i, i + SQLITE_CHUNK)).execute();
      for (const row of rows) known.set(row.change_id, Number(row.seq));
    }
    const fresh = sequence(admitted, known, next, device.practice_id, at, accepted);
    next += fresh.length;
    // Many rows per statement (13 values a row stays far below SQLite's limit on bound values).
    for (let i = 0; i < fresh.length; i += SQLITE_CHUNK) await tx.insertInto('hub_log').values(fresh.slice(i, i + SQLITE_CHUNK)).execute();
    await tx.updateTable('hub_devices').set({ last_seen_at: at }).where('device_id', '=', device.device_id).execute();
  });
  return { accepted, refused, hubTime: now };
}

/**
 * Gives each admitted change not logged yet the next sequence number, and says where each one is:
 * a change already in `known` (a retry, or twice in one batch) keeps its number. Returns the new rows.
 */
function sequence(admitted: readonly Envelope[], known: Map<string, number>, next: number, practiceId: string, at: string, accepted: PushResponse['accepted']): HubSchema['hub_log'][] {
  const fresh: HubSchema['hub_log'][] = [];
  for (const change of admitted) {
    let seq = known.get(change.changeId);
    if (seq === undefined) {
      seq = next + fresh.length;
      known.set(change.changeId, seq);
      fresh.push({
        practice_id: practiceId,
        seq,
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
      });
    }
    accepted.push({ changeId: change.changeId, seq });
  }
  return fresh;
}

/** Rows or ids per statement on the embedded store. */
const SQLITE_CHUNK = 500;

/**
 * Several hub processes write one PostgreSQL, so nothing is serialized for
 * free: the practice's head row is locked FOR UPDATE first, which queues every
 * push of that practice (and only of that practice) behind the one in flight.
 * Under the lock, what is already logged is read in one query, the rest gets
 * head+1, head+2… and is inserted in one statement, and the head moves in the
 * same transaction: gap-free, and a retry racing its original through another
 * hub finds the original's rows once it gets the lock. The unique
 * (practice_id, change_id) is the last word: a row that still conflicts
 * aborts the whole batch rather than leave a hole in the sequence.
 */
async function ingestPostgres(db: Kysely<HubSchema>, device: DeviceRow, changes: Envelope[], now: number): Promise<PushResponse> {
  const accepted: PushResponse['accepted'] = [];
  const refused: PushResponse['refused'] = [];
  const at = new Date(now).toISOString();
  const practiceId = device.practice_id;
  await db.transaction().execute(async (tx) => {
    const head = await tx.selectFrom('hub_practices').select('head').where('practice_id', '=', practiceId).forUpdate().executeTakeFirst();
    if (!head) throw new Error(`hub: practice ${practiceId} has no log`);
    let next = Number(head.head) + 1;
    const admitted: Envelope[] = [];
    const refusals: Insertable<HubSchema['hub_refusals']>[] = [];
    const authors = await draftAuthors(tx, practiceId, changes);
    for (const change of changes) {
      const refusal = refusalFor(device, change, now, authors);
      if (!refusal) admitted.push(change);
      else {
        refused.push(refusal);
        refusals.push({ at, practice_id: practiceId, device_id: device.device_id, change_id: change.changeId, reason: refusal.reason, table_name: change.table, op: change.op, role: change.role });
      }
    }
    if (refusals.length > 0) await tx.insertInto('hub_refusals').values(refusals).execute();
    const known = new Map<string, number>();
    const ids = [...new Set(admitted.map((c) => c.changeId))];
    if (ids.length > 0) {
      const rows = await tx.selectFrom('hub_log').select(['change_id', 'seq']).where('practice_id', '=', practiceId).where('change_id', 'in', ids).execute();
      for (const row of rows) known.set(row.change_id, Number(row.seq));
    }
    const fresh = sequence(admitted, known, next, device.practice_id, at, accepted);
    next += fresh.length;
    if (fresh.length > 0) {
      const inserted = await tx
        .insertInto('hub_log')
        .values(fresh)
        .onConflict((oc) => oc.columns(['practice_id', 'change_id']).doNothing())
        .returning('seq')
        .execute();
      if (inserted.length !== fresh.length) throw new Error('hub: a change was logged outside the practice lock');
      await tx.updateTable('hub_practices').set({ head: next - 1 }).where('practice_id', '=', practiceId).execute();
    }
    await tx.updateTable('hub_devices').set({ last_seen_at: at }).where('practice_id', '=', practiceId).where('device_id', '=', device.device_id).execute();
  });
  return { accepted, refused, hubTime: now };
}

const rowKey = (table: string, rowId: string) => `${table}\u0000${rowId}`;

/**
 * Who inserted each draft row the batch changes: the log's first insert of
 * it (found through a partial index of authored inserts only, so the rest of
 * the log pays nothing), else an insert earlier in this same batch.
 */
async function draftAuthors(db: Kysely<HubSchema>, practiceId: string, changes: readonly Envelope[]): Promise<Map<string, string | null>> {
  const authors = new Map<string, string | null>();
  const wanted = changes.filter((c) => c.op !== 'insert' && AUTHORED_TABLES.includes(c.table));
  for (const table of new Set(wanted.map((c) => c.table))) {
    const rowIds = [...new Set(wanted.filter((c) => c.table === table).map((c) => c.rowId))];
    const rows = await db
      .selectFrom('hub_log')
      .select(['row_id', 'user_id', 'seq'])
      .where('practice_id', '=', practiceId)
      // Literals, not parameters: a partial index is used only when the query names its very predicate.
      .where('table_name', '=', sql.lit(table))
      .where('op', '=', sql.lit('insert'))
      .where('row_id', 'in', rowIds)
      .orderBy('seq')
      .execute();
    for (const row of rows) if (!authors.has(rowKey(table, row.row_id))) authors.set(rowKey(table, row.row_id), row.user_id);
  }
  for (const c of changes) {
    if (c.op === 'insert' && AUTHORED_TABLES.includes(c.table) && !authors.has(rowKey(c.table, c.rowId))) authors.set(rowKey(c.table, c.rowId), c.userId);
  }
  return authors;
}

function refusalFor(device: DeviceRow, change: Envelope, now: number, authors: ReadonlyMap<string, string | null>): PushResponse['refused'][number] | null {
  if (change.deviceId !== device.device_id) return { changeId: change.changeId, reason: 'DEVICE_MISMATCH' };
  const aheadMs = decodeHlc(change.hlc).wallMs - now;
  if (aheadMs > MAX_CLOCK_SKEW_MS) return { changeId: change.changeId, reason: 'CLOCK_SKEW', aheadMs };
  const verdict = authorizeChange(change.role, change.table, change.op);
  if (verdict !== 'ok') return { changeId: change.changeId, reason: verdict };
  if (change.op === 'insert') return null;
  const authorship = draftAuthorVerdict(change.role, change.userId, authors.get(rowKey(change.table, change.rowId)));
  return authorship === 'ok' ? null : { changeId: change.changeId, reason: authorship };
}

export async function logHead(db: Kysely<HubSchema>, practiceId: string): Promise<number> {
  if (isPostgres(db)) {
    const row = await db.selectFrom('hub_practices').select('head').where('practice_id', '=', practiceId).executeTakeFirst();
    return Number(row?.head ?? 0);
  }
  // The embedded store holds one practice: max over the primary key, without a scan.
  const head = await db.selectFrom('hub_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(head?.m ?? 0);
}

/** Roughly how much sealed text one pull answers with, so a run of large rows never makes a huge response. */
export const PULL_BYTES_BUDGET = 8 * 1024 * 1024;

export async function readLog(db: Kysely<HubSchema>, practiceId: string, after: number, limit: number): Promise<SequencedEnvelope[]> {
  const all = await db.selectFrom('hub_log').selectAll().where('practice_id', '=', practiceId).where('seq', '>', after).orderBy('seq').limit(limit).execute();
  // A page also stops at a byte budget (document chunks are ~0.7 MB each), always keeping at least one row.
  let bytes = 0;
  let end = 0;
  while (end < all.length && (end === 0 || bytes + all[end]!.sealed.length <= PULL_BYTES_BUDGET)) bytes += all[end++]!.sealed.length;
  const rows = all.slice(0, end);
  return rows.map(toSequencedEnvelope);
}

/** A logged row as the protocol carries it. */
export function toSequencedEnvelope(r: HubSchema['hub_log']): SequencedEnvelope {
  return {
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
  };
}

/** The pull is the device's acknowledgement: it asks after what it has applied. */
export async function recordPull(db: Kysely<HubSchema>, device: DeviceRow, after: number): Promise<void> {
  await db
    .updateTable('hub_devices')
    .set({ applied_seq: after, last_seen_at: new Date().toISOString() })
    .where('practice_id', '=', device.practice_id)
    .where('device_id', '=', device.device_id)
    .execute();
}
