import type { Role } from '../../shared/auth/roles';
import { AppError } from '../../shared/contract/errors';
import type { SyncConflict } from '../../shared/contract/sync';
import { authorizeChange, syncRule } from '../../shared/sync/tables';
import type { SyncConflictsTable, SyncedTable } from '../db/schema';
import type { Actor, Store } from '../store/store';

/**
 * The sync panel's review of what merging kept aside: a field value that lost
 * to a later clock, two bookings of one chair that overlap, a change the
 * database refused (a late edit of a signed record). Nothing here is deleted:
 * reviewing marks the record, and restoring a value is a new edit that syncs.
 */
type ConflictRow = Omit<SyncConflictsTable, 'resolved_by' | 'resolution' | 'updated_at'>;

function display(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parseStored(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

function safeColumn(sqlite: Parameters<Parameters<Store['exclusive']>[0]>[0], table: string, field: string | null): boolean {
  if (!syncRule(table) || !field) return false;
  const columns = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  return columns.some((c) => c.name === field);
}

/** How far an audit entry's time may be from the losing value's clock and still be the write that made it. */
const AUTHOR_WINDOW_MS = 5_000;

/**
 * Who wrote the value that lost, and on which computer. Conflict rows leave the
 * author out (every replica must derive the same row, and only the incoming
 * side's author is known while applying), so it is looked up when shown: the
 * device from the enrollment entries of the replicated audit log, the person
 * from that device's audit entry for the same record at the losing clock's time.
 */
function authorLookup(sqlite: Parameters<Parameters<Store['exclusive']>[0]>[0], own: { id: string; name: string }) {
  const enrolled = sqlite
    .prepare(
      `SELECT json_extract(details, '$.name') FROM audit_log
       WHERE (action = 'sync.device.enrolled' AND entity_id = @device) OR (action IN ('sync.hub.created', 'sync.hub.connected', 'sync.joined') AND device_id = @device AND json_extract(details, '$.name') IS NOT NULL)
       ORDER BY at DESC LIMIT 1`,
    )
    .pluck();
  const author = sqlite
    .prepare(
      `SELECT u.given_names || ' ' || u.first_surname FROM audit_log a JOIN users u ON u.id = a.user_id
       WHERE a.device_id = ? AND a.entity_id = ? AND a.at BETWEEN ? AND ?
       ORDER BY abs(julianday(a.at) - julianday(?)) LIMIT 1`,
    )
    .pluck();
  return {
    device(deviceId: string | null): string | null {
      if (!deviceId) return null;
      if (deviceId === own.id) return own.name;
      return (enrolled.get({ device: deviceId }) as string | undefined) ?? null;
    },
    person(deviceId: string | null, rowId: string, hlc: string | null): string | null {
      if (!deviceId || !hlc) return null;
      const wallMs = Number(hlc.slice(0, 15));
      if (!Number.isFinite(wallMs)) return null;
      const iso = (ms: number) => new Date(ms).toISOString();
      return (author.get(deviceId, rowId, iso(wallMs - AUTHOR_WINDOW_MS), iso(wallMs + AUTHOR_WINDOW_MS), iso(wallMs)) as string | undefined) ?? null;
    },
  };
}

export async function listConflicts(store: Store, role: Role, includeResolved: boolean, ownName: string): Promise<SyncConflict[]> {
  return store.exclusive((sqlite) => {
    const authors = authorLookup(sqlite, { id: store.deviceId, name: ownName });
    const rows = sqlite
      .prepare(
        `SELECT id, kind, table_name, row_id, field, other_row_id, lost_value, lost_hlc, lost_device_id, lost_user_id, detected_at, resolved_at
         FROM sync_conflicts ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY detected_at DESC LIMIT 500`,
      )
      .all() as ConflictRow[];
    const userName = sqlite.prepare(`SELECT given_names || ' ' || first_surname AS name FROM users WHERE id = ?`).pluck();
    const patient = sqlite.prepare(`SELECT id, given_names || ' ' || first_surname AS name FROM patients WHERE id = ?`);
    const appointment = sqlite.prepare(
      `SELECT a.patient_id, a.start_local, p.given_names || ' ' || p.first_surname AS name FROM appointments a LEFT JOIN patients p ON p.id = a.patient_id WHERE a.id = ?`,
    );
    return rows.map((row): SyncConflict => {
      let patientId: string | null = null;
      let label = row.row_id;
      let when: string | null = null;
      if (row.table_name === 'patients') {
        const p = patient.get(row.row_id) as { id: string; name: string } | undefined;
        if (p) [patientId, label] = [p.id, p.name];
      } else if (row.table_name === 'appointments') {
        const a = appointment.get(row.row_id) as { patient_id: string | null; start_local: string; name: string | null } | undefined;
        if (a) [patientId, label, when] = [a.patient_id, a.name ?? row.row_id, a.start_local];
      }
      let currentValue: string | null = null;
      if (row.kind === 'field' && safeColumn(sqlite, row.table_name, row.field)) {
        const current = sqlite.prepare(`SELECT "${row.field}" AS v FROM "${row.table_name}" WHERE id = ?`).get(row.row_id) as { v: unknown } | undefined;
        currentValue = display(current?.v);
      }
      const rule = syncRule(row.table_name);
      return {
        id: row.id,
        kind: row.kind,
        table: row.table_name,
        rowId: row.row_id,
        field: row.field,
        otherRowId: row.other_row_id,
        currentValue,
        lostValue: row.kind === 'field' ? display(parseStored(row.lost_value)) : null,
        lostDeviceName: authors.device(row.lost_device_id),
        lostUserName: row.lost_user_id
          ? ((userName.get(row.lost_user_id) as string | undefined) ?? null)
          : row.kind === 'field'
            ? authors.person(row.lost_device_id, row.row_id, row.lost_hlc)
            : null,
        patientId,
        label,
        when,
        detectedAt: row.detected_at,
        restorable:
          row.kind === 'field' && row.resolved_at === null && rule?.kind === 'mutable' && authorizeChange(role, row.table_name, 'update') === 'ok',
      };
    });
  });
}

/** `keep` marks the conflict reviewed; `restore` writes the lost value back, as an edit of its own. */
export async function resolveConflict(store: Store, actor: Actor, role: Role, id: string, action: 'keep' | 'restore'): Promise<void> {
  const row = await store.db.selectFrom('sync_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.resolved_at) throw new AppError('CONFLICT', 'sync.errors.alreadyResolved');
  const restoring = action === 'restore';
  if (restoring) {
    const rule = syncRule(row.table_name);
    if (row.kind !== 'field' || rule?.kind !== 'mutable' || !(await store.exclusive((sqlite) => safeColumn(sqlite, row.table_name, row.field)))) {
      throw new AppError('CONFLICT', 'sync.errors.notRestorable');
    }
    if (authorizeChange(role, row.table_name, 'update') !== 'ok') throw new AppError('FORBIDDEN');
  }
  const now = new Date().toISOString();
  await store.write(actor, async (tx) => {
    if (restoring) {
      await tx.update(row.table_name as SyncedTable, row.row_id, { [row.field!]: parseStored(row.lost_value) } as never);
    }
    await tx.update('sync_conflicts', row.id, { resolved_at: now, resolved_by: actor.userId, resolution: restoring ? 'restored' : 'kept', updated_at: now });
    await tx.audit({ action: restoring ? 'sync.conflict.restored' : 'sync.conflict.kept', entity: row.table_name, entityId: row.row_id, details: { field: row.field, kind: row.kind } });
  });
}
