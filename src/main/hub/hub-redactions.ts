import type { Kysely } from 'kysely';
import type { RedactionPlanRequest, RedactionRequest, SequencedEnvelope } from '../../shared/sync/protocol';
import { authorizeChange, syncRule } from '../../shared/sync/tables';
import type { DeviceRow } from './hub-devices';
import { toSequencedEnvelope } from './hub-log';
import type { HubSchema } from './hub-store';

/*
 * After a patient is erased, the hub's log still holds the old values of
 * their rows, sealed: a workstation enrolled later would receive them before
 * the anonymising changes. The workstation that erased asks for those entries
 * (plan), opens them, and sends each back sealed again with the same fields
 * holding today's anonymised values; the hub swaps the sealed text in place.
 * Clocks, authors and sequence numbers stay, so every replica applies the
 * same history to the same end. Only mutable rows are resealed (the hub will
 * not rewrite a fact, whoever asks), only entries the workstation had already
 * applied (`throughSeq`), and only for an author who may erase.
 */

export class RedactionError extends Error {
  constructor(
    readonly status: 403 | 400,
    readonly code: 'FORBIDDEN' | 'BAD_REQUEST',
    readonly detail: string,
  ) {
    super(detail);
  }
}

function check(request: { role: RedactionPlanRequest['role'] }): void {
  if (authorizeChange(request.role, 'data_requests', 'insert') !== 'ok' || request.role === 'system') throw new RedactionError(403, 'FORBIDDEN', 'only an author who may erase a patient redacts');
}

const mutable = (table: string) => syncRule(table)?.kind === 'mutable';

export async function planRedaction(db: Kysely<HubSchema>, device: DeviceRow, request: RedactionPlanRequest): Promise<SequencedEnvelope[]> {
  check(request);
  if (!request.rows.every((r) => mutable(r.table))) throw new RedactionError(400, 'BAD_REQUEST', 'only mutable rows are redacted');
  const entries: SequencedEnvelope[] = [];
  for (const table of new Set(request.rows.map((r) => r.table))) {
    const rowIds = request.rows.filter((r) => r.table === table).map((r) => r.rowId);
    const rows = await db
      .selectFrom('hub_log')
      .selectAll()
      .where('practice_id', '=', device.practice_id)
      .where('table_name', '=', table)
      .where('row_id', 'in', rowIds)
      .where('seq', '<=', request.throughSeq)
      .orderBy('seq')
      .execute();
    entries.push(...rows.map(toSequencedEnvelope));
  }
  return entries.sort((a, b) => a.seq - b.seq);
}

export async function applyRedaction(db: Kysely<HubSchema>, device: DeviceRow, request: RedactionRequest): Promise<number> {
  check(request);
  return db.transaction().execute(async (tx) => {
    let redacted = 0;
    for (const r of request.replacements) {
      if (r.seq > request.throughSeq) continue;
      const entry = await tx
        .selectFrom('hub_log')
        .select(['table_name'])
        .where('practice_id', '=', device.practice_id)
        .where('seq', '=', r.seq)
        .where('change_id', '=', r.changeId)
        .executeTakeFirst();
      if (!entry) continue;
      if (!mutable(entry.table_name)) throw new RedactionError(400, 'BAD_REQUEST', 'only mutable rows are redacted');
      const result = await tx
        .updateTable('hub_log')
        .set({ sealed: r.sealed })
        .where('practice_id', '=', device.practice_id)
        .where('seq', '=', r.seq)
        .where('change_id', '=', r.changeId)
        .executeTakeFirst();
      redacted += Number(result.numUpdatedRows);
    }
    return redacted;
  });
}
