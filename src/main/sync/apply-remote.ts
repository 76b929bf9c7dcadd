import type Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { clockOf, decideField, dropObserved, type FieldClock, fieldStep, hasObserved, hlcDevice, type IncomingEdit, isConcurrent, lastOwnBack, noteOwnAcknowledged, observedOf, type RowClocks, setObserved } from '../../shared/sync/apply-rules';
import { ClockSkewError, type HybridLogicalClock } from '../../shared/sync/hlc';
import type { SequencedEnvelope } from '../../shared/sync/protocol';
import { syncRule } from '../../shared/sync/tables';
import type { SyncedTable } from '../db/schema';
import type { CommittedChange } from '../store/store';
import type { OpenedChanges } from './change-opener';
import { openChange, UnsealError } from './sync-crypto';

type Sqlite = Database.Database;

/**
 * Applies changes pulled from the hub to this workstation's database.
 *
 * Runs synchronously on the raw connection, inside one transaction per batch,
 * while the caller holds Kysely's connection so no other query interleaves. It writes the rows directly rather than through
 * `Store.write`: a remote change must not re-enter the outbox. The database's
 * own triggers still run, so a signed note or exam refuses a late edit here
 * exactly as it does locally; such a change is kept as a conflict to review.
 */
export interface ApplyContext {
  sqlite: Sqlite;
  syncKey: Buffer;
  selfDeviceId: string;
  clock: HybridLogicalClock;
  now?: () => Date;
  /** The batch's changes opened already (on the opener's worker); any change not in it is opened here. */
  opened?: OpenedChanges;
}

export interface ApplyOutcome {
  applied: number;
  parked: number;
  conflicts: number;
  cursor: number;
  /** What changed, for the open windows to refetch. */
  touched: CommittedChange[];
}

/**
 * Why a change waits in `sync_parked`. MISSING_ROW (an edit of a row not here yet) and MISSING_PARENT (a row whose
 * parent is not here yet: one local transaction may write a child before its parent, foreign keys checked at its
 * commit, and the hub log keeps that order) wait for what they need, and are retried after every batch.
 */
export type ParkReason = 'UNKNOWN_SCHEMA' | 'CLOCK_SKEW' | 'UNSEALABLE' | 'MISSING_ROW' | 'MISSING_PARENT';

const WAITING: readonly ParkReason[] = ['MISSING_ROW', 'MISSING_PARENT'];

const CURSOR_KEY = 'cursor';
/** The highest cursor ever reached: what this workstation has seen, even after its cursor was moved back to fetch changes again. */
const SEEN_KEY = 'seen_seq';
const APPOINTMENT_PLACEMENT = ['start_local', 'start_date', 'duration_min', 'operatory_id', 'status', 'deleted_at'];
const INACTIVE = "('cancelled', 'no_show')";
/** Columns no person typed (a stamp, a value derived from others): they follow the winner, and a loss there is nothing to review. */
const BOOKKEEPING = new Set(['updated_at', 'sort_name']);

class Park extends Error {
  constructor(readonly reason: ParkReason) {
    super(reason);
  }
}

/** Prepared statements and table shapes, kept per connection: applying is the hot path of a join. */
class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  private readonly columns = new Map<string, Set<string> | null>();
  /**
   * Statements whose text depends on the table (and its written columns), found
   * by table then by the columns' names: on a hit no SQL text is built or hashed.
   */
  private readonly byTable = new Map<string, Map<string, Database.Statement>>();

  constructor(private readonly sqlite: Sqlite) {}

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) this.cache.set(sql, (statement = this.sqlite.prepare(sql)));
    return statement;
  }

  /** The statement `kind` of `table`; `shape` names what else its text depends on (the columns written). */
  forTable(kind: string, table: string, shape: string, sql: () => string): Database.Statement {
    const key = `${kind}\u0000${table}`;
    let shapes = this.byTable.get(key);
    if (!shapes) this.byTable.set(key, (shapes = new Map()));
    let statement = shapes.get(shape);
    if (!statement) shapes.set(shape, (statement = this.sqlite.prepare(sql())));
    return statement;
  }

  columnsOf(table: string): Set<string> | null {
    if (!this.columns.has(table)) {
      const rows = this.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      this.columns.set(table, rows.length ? new Set(rows.map((r) => r.name)) : null);
    }
    return this.columns.get(table)!;
  }
}

const statementsByConnection = new WeakMap<Sqlite, Statements>();
function statementsFor(sqlite: Sqlite): Statements {
  let s = statementsByConnection.get(sqlite);
  if (!s) statementsByConnection.set(sqlite, (s = new Statements(sqlite)));
  return s;
}

/** Forgets cached table shapes, after a migration added columns. */
export function forgetTableShapes(sqlite: Sqlite): void {
  statementsByConnection.delete(sqlite);
}

export function conflictId(...parts: readonly (string | null)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function toSqlite(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

export function readCursor(sqlite: Sqlite): number {
  const row = statementsFor(sqlite).get(`SELECT value FROM sync_state WHERE key = ?`).get(CURSOR_KEY) as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/** What a change written here has seen: never less than what was applied here, whatever the cursor says now. */
export function readSeenSeq(sqlite: Sqlite): number {
  const row = statementsFor(sqlite).get(`SELECT value FROM sync_state WHERE key = ?`).get(SEEN_KEY) as { value: string } | undefined;
  return Math.max(row ? Number(row.value) : 0, readCursor(sqlite));
}

function writeCursor(s: Statements, cursor: number): void {
  s.get(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(CURSOR_KEY, String(cursor));
  s.get(
    `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
  ).run(SEEN_KEY, String(cursor));
}

function loadClocks(s: Statements, table: string, rowId: string): RowClocks {
  const row = s.get(`SELECT clocks FROM sync_row_clocks WHERE table_name = ? AND row_id = ?`).get(table, rowId) as { clocks: string } | undefined;
  return row ? (JSON.parse(row.clocks) as RowClocks) : {};
}

function saveClocks(s: Statements, table: string, rowId: string, clocks: RowClocks): void {
  s.get(
    `INSERT INTO sync_row_clocks (table_name, row_id, clocks) VALUES (?, ?, ?) ON CONFLICT(table_name, row_id) DO UPDATE SET clocks = excluded.clocks`,
  ).run(table, rowId, JSON.stringify(clocks));
}

/** This workstation's own changes to the row that the hub has not acknowledged yet: their clocks live in the outbox. */
function pendingClocks(s: Statements, table: string, rowId: string): RowClocks {
  const rows = s
    .get(`SELECT hlc, op, fields, seen_seq FROM sync_outbox WHERE table_name = ? AND row_id = ? AND refused IS NULL ORDER BY hlc`)
    .all(table, rowId) as { hlc: string; op: string; fields: string; seen_seq: number }[];
  const clocks: RowClocks = {};
  for (const row of rows) {
    if (row.op === 'insert') {
      for (const key of Object.keys(clocks)) delete clocks[key];
      clocks['*'] = [row.hlc, 0, row.seen_seq];
    }
    for (const field of Object.keys(JSON.parse(row.fields) as object)) if (row.op !== 'insert') clocks[field] = [row.hlc, 0, row.seen_seq];
  }
  return clocks;
}

/** Who set the value the row holds: this workstation's unsent edit, unless a later one from elsewhere was applied over it since. */
function currentClockOf(stored: RowClocks, pending: RowClocks, field: string): FieldClock | undefined {
  const [applied, queued] = [clockOf(stored, field), clockOf(pending, field)];
  return queued && (!applied || queued.hlc > applied.hlc) ? queued : applied;
}

/**
 * Folds an acknowledged local change into the row's clocks, so that its
 * outbox row can go: the clock stays, the copy of the values does not.
 */
export function foldAcknowledged(
  sqlite: Sqlite,
  change: { table: string; rowId: string; op: string; hlc: string; fields: Record<string, unknown>; seenSeq?: number },
  seq: number,
): void {
  const rule = syncRule(change.table);
  if (!rule || rule.kind === 'fact') return;
  const s = statementsFor(sqlite);
  const clocks = loadClocks(s, change.table, change.rowId);
  if (change.op === 'insert' && Object.keys(clocks).length === 0) {
    clocks['*'] = [change.hlc, seq, change.seenSeq ?? 0];
  } else {
    for (const field of Object.keys(change.fields)) {
      const current = clockOf(clocks, field);
      if (!current || current.hlc <= change.hlc) clocks[field] = [change.hlc, seq, change.seenSeq ?? 0];
      noteOwnAcknowledged(clocks, field, change.hlc);
    }
  }
  saveClocks(s, change.table, change.rowId, clocks);
}

/**
 * Before a local edit of a synced row: where the row still shows what the
 * office's log holds, that value is kept aside (see `ObservedValue`), so the
 * edits arriving before this one is back from the hub meet it, here as on
 * every other replica. A row no replica has yet (no clocks) needs nothing.
 */
export function keepObservedBeforeEdit(sqlite: Sqlite, deviceId: string, table: string, rowId: string, fields: Record<string, unknown>): void {
  if (syncRule(table)?.kind !== 'mutable') return;
  const s = statementsFor(sqlite);
  const clocks = loadClocks(s, table, rowId);
  if (Object.keys(clocks).length === 0) return;
  const columns = s.columnsOf(table);
  const names = Object.keys(fields).filter((f) => f !== 'id' && !BOOKKEEPING.has(f) && columns?.has(f) && !observedOf(clocks, f));
  if (names.length === 0) return;
  const pending = pendingClocks(s, table, rowId);
  const seen = readSeenSeq(sqlite);
  const keep = names
    .map((field) => ({ field, shown: currentClockOf(clocks, pending, field) }))
    // A value this workstation wrote that the hub has not sent back yet: what the log holds there is not known here.
    .filter((k): k is { field: string; shown: FieldClock } => k.shown !== undefined && !(hlcDevice(k.shown.hlc) === deviceId && (k.shown.seq === 0 || k.shown.seq > seen)));
  if (keep.length === 0) return;
  const current = s.get(`SELECT ${keep.map((k) => `"${k.field}"`).join(', ')} FROM "${table}" WHERE id = ?`).get(rowId) as Record<string, unknown> | undefined;
  if (!current) return;
  for (const { field, shown } of keep) setObserved(clocks, field, { clock: shown, value: JSON.stringify(toSqlite(current[field])) });
  saveClocks(s, table, rowId, clocks);
}

interface ApplyState {
  ctx: ApplyContext;
  s: Statements;
  outcome: ApplyOutcome;
  at: string;
  /**
   * Whether this workstation has unsent changes at all, read once per batch:
   * applying never adds to the outbox, so an empty one stays empty, and a
   * workstation catching up (a join above all) skips two lookups per row.
   */
  outboxPending: boolean;
}

function newState(ctx: ApplyContext, s: Statements, outcome: ApplyOutcome): ApplyState {
  const outboxPending = (s.get(`SELECT EXISTS (SELECT 1 FROM sync_outbox) AS p`).get() as { p: number }).p === 1;
  return { ctx, s, outcome, at: (ctx.now?.() ?? new Date()).toISOString(), outboxPending };
}

function pendingOf(state: ApplyState, table: string, rowId: string): RowClocks {
  return state.outboxPending ? pendingClocks(state.s, table, rowId) : {};
}

function recordConflict(state: ApplyState, row: Record<string, unknown>): void {
  const result = state.s
    .get(
      `INSERT OR IGNORE INTO sync_conflicts (id, kind, table_name, row_id, field, other_row_id, lost_value, lost_hlc, lost_device_id, lost_user_id, detected_at, resolved_at, resolved_by, resolution, updated_at)
       VALUES (@id, @kind, @table_name, @row_id, @field, @other_row_id, @lost_value, @lost_hlc, @lost_device_id, @lost_user_id, @at, NULL, NULL, NULL, @at)`,
    )
    .run({ field: null, other_row_id: null, lost_value: null, lost_hlc: null, lost_device_id: null, lost_user_id: null, ...row, at: state.at });
  if (result.changes > 0) state.outcome.conflicts++;
}

/** Column values in `names` order, as SQLite takes them. */
function valuesOf(names: readonly string[], fields: Record<string, unknown>): unknown[] {
  const values = new Array<unknown>(names.length);
  for (let i = 0; i < names.length; i++) values[i] = toSqlite(fields[names[i]!]);
  return values;
}

// The columns in the order the change lists them (one author's changes of a table list them alike), so one
// statement per shape; the order of the columns in an INSERT or UPDATE changes nothing.
function insertRow(s: Statements, table: string, fields: Record<string, unknown>): void {
  const names = Object.keys(fields);
  const statement = s.forTable('insert', table, names.join(','), () => `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  statement.run(valuesOf(names, fields));
}

function updateRow(s: Statements, table: string, id: string, fields: Record<string, unknown>): void {
  const names = Object.keys(fields);
  if (names.length === 0) return;
  const statement = s.forTable('update', table, names.join(','), () => `UPDATE "${table}" SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`);
  const values = valuesOf(names, fields);
  values.push(id);
  statement.run(values);
}

/** A field conflict as every replica records it: the device that made the losing edit is its clock's node. */
function fieldConflict(table: string, rowId: string, field: string, lostHlc: string, lostValue: string): Record<string, unknown> {
  return {
    id: conflictId('field', table, rowId, field, lostHlc),
    kind: 'field',
    table_name: table,
    row_id: rowId,
    field,
    lost_value: lostValue,
    lost_hlc: lostHlc,
    lost_device_id: hlcDevice(lostHlc),
  };
}

/**
 * This workstation's own edit, back from the hub at its place in the log: it
 * meets what the log held there, as it does on every other replica. Once its
 * last edit of a field is back, the row and the log agree again.
 */
function observeOwnChange(state: ApplyState, env: SequencedEnvelope): void {
  if (syncRule(env.table)?.kind !== 'mutable') return;
  const { s } = state;
  const clocks = loadClocks(s, env.table, env.rowId);
  if (!hasObserved(clocks)) return;
  let fields: Record<string, unknown>;
  try {
    fields = openChange(state.ctx.syncKey, env);
  } catch {
    return;
  }
  const pending = pendingClocks(s, env.table, env.rowId);
  const incoming: IncomingEdit = { hlc: env.hlc, deviceId: env.deviceId, seenSeq: env.seenSeq, seq: env.seq };
  const conflicts: Record<string, unknown>[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const observed = observedOf(clocks, field);
    if (!observed) continue;
    const json = JSON.stringify(toSqlite(value));
    const step = fieldStep(observed, incoming, json, field === 'deleted_at');
    if (step.lost && !BOOKKEEPING.has(field)) {
      conflicts.push(step.lost === 'held' ? fieldConflict(env.table, env.rowId, field, observed.clock.hlc, observed.value) : fieldConflict(env.table, env.rowId, field, env.hlc, json));
    }
    if (step.write) setObserved(clocks, field, { clock: { hlc: env.hlc, seq: env.seq, seen: env.seenSeq }, value: json });
    // Back in step once nothing of this workstation's is still on its way and the row shows what the log holds.
    const now = observedOf(clocks, field)!;
    if (pending[field] === undefined && lastOwnBack(now, env.hlc) && clockOf(clocks, field)?.hlc === now.clock.hlc) dropObserved(clocks, field);
  }
  saveClocks(s, env.table, env.rowId, clocks);
  for (const conflict of conflicts) recordConflict(state, conflict);
}

function applyMutableUpdate(state: ApplyState, env: SequencedEnvelope, fields: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const { s } = state;
  // Recorded only once the row is written: a trigger refusing the update must leave no conflict behind.
  const conflicts: Record<string, unknown>[] = [];
  const stored = loadClocks(s, env.table, env.rowId);
  const pending = pendingOf(state, env.table, env.rowId);
  const incoming: IncomingEdit = { hlc: env.hlc, deviceId: env.deviceId, seenSeq: env.seenSeq, seq: env.seq };
  const written: Record<string, unknown> = {};
  let observedMoved = false;
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'id') continue;
    const tombstone = field === 'deleted_at' ? { currentSet: current[field] != null, incomingSet: value != null } : undefined;
    const currentClock = currentClockOf(stored, pending, field);
    const decision = decideField(currentClock, incoming, tombstone);
    const observed = observedOf(stored, field);
    if (observed) {
      // This workstation shows its own edit, not yet back from the hub: the conflict is judged against what the log holds.
      const step = fieldStep(observed, incoming, JSON.stringify(toSqlite(value)), field === 'deleted_at');
      if (step.lost && !BOOKKEEPING.has(field)) {
        conflicts.push(step.lost === 'held' ? fieldConflict(env.table, env.rowId, field, observed.clock.hlc, observed.value) : fieldConflict(env.table, env.rowId, field, env.hlc, JSON.stringify(toSqlite(value))));
      }
      if (step.write) setObserved(stored, field, { clock: { hlc: env.hlc, seq: env.seq, seen: env.seenSeq }, value: JSON.stringify(toSqlite(value)) });
      observedMoved = true;
    } else if (decision.conflict && currentClock && !BOOKKEEPING.has(field)) {
      // The author of the losing value is known here only when it is the incoming one; every replica must
      // derive the same row, so the user is left out and the device (from the clock) names the source.
      const lost = decision.write
        ? { value: current[field], hlc: currentClock.hlc, device: hlcDevice(currentClock.hlc) }
        : { value, hlc: env.hlc, device: env.deviceId };
      // Same value on both sides: nothing was lost, so nothing to review.
      if (JSON.stringify(toSqlite(lost.value)) !== JSON.stringify(toSqlite(decision.write ? value : current[field]))) {
        conflicts.push({
          id: conflictId('field', env.table, env.rowId, field, lost.hlc),
          kind: 'field',
          table_name: env.table,
          row_id: env.rowId,
          field,
          lost_value: JSON.stringify(toSqlite(lost.value)),
          lost_hlc: lost.hlc,
          lost_device_id: lost.device,
        });
      }
    }
    if (decision.write) {
      written[field] = value;
      stored[field] = [env.hlc, env.seq, env.seenSeq];
    }
  }
  updateRow(s, env.table, env.rowId, written);
  if (Object.keys(written).length || observedMoved) saveClocks(s, env.table, env.rowId, stored);
  for (const conflict of conflicts) recordConflict(state, conflict);
  return written;
}

/** Two bookings of one chair that overlap because they were made apart are flagged, never moved. */
function flagOverlaps(state: ApplyState, env: SequencedEnvelope): void {
  const { s } = state;
  const me = s.get(`SELECT id, operatory_id, start_date, start_local, duration_min, status, deleted_at FROM appointments WHERE id = ?`).get(env.rowId) as
    | { id: string; operatory_id: string; start_date: string; start_local: string; duration_min: number; status: string; deleted_at: string | null }
    | undefined;
  if (!me || me.deleted_at || me.status === 'cancelled' || me.status === 'no_show') return;
  const others = s
    .get(
      `SELECT id, start_local, duration_min FROM appointments
       WHERE operatory_id = ? AND start_date = ? AND id <> ? AND deleted_at IS NULL AND pinboard = 0 AND status NOT IN ${INACTIVE}`,
    )
    .all(me.operatory_id, me.start_date, me.id) as { id: string; start_local: string; duration_min: number }[];
  const minutes = (local: string) => Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  const start = minutes(me.start_local);
  const end = start + me.duration_min;
  const incoming: IncomingEdit = { hlc: env.hlc, deviceId: env.deviceId, seenSeq: env.seenSeq, seq: env.seq };
  for (const other of others) {
    const otherStart = minutes(other.start_local);
    if (!(otherStart < end && start < otherStart + other.duration_min)) continue;
    const placed = currentClockOf(loadClocks(s, 'appointments', other.id), pendingOf(state, 'appointments', other.id), 'start_local');
    if (!placed || !isConcurrent(placed, incoming)) continue;
    const [a, b] = [me.id, other.id].sort();
    recordConflict(state, { id: conflictId('overlap', a!, b!), kind: 'overlap', table_name: 'appointments', row_id: a!, other_row_id: b! });
  }
}

/** The row's values of the fields a change writes, or undefined when the row is not here. */
function currentFields(s: Statements, table: string, rowId: string, fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const names = Object.keys(fields);
  const list = names.length ? names.map((n) => `"${n}"`).join(', ') : '1 AS present';
  return s.forTable('current', table, names.join(','), () => `SELECT ${list} FROM "${table}" WHERE id = ?`).get(rowId) as Record<string, unknown> | undefined;
}

function applyOne(state: ApplyState, env: SequencedEnvelope, fields: Record<string, unknown>): void {
  const { s } = state;
  if (env.table === 'audit_log') {
    // Another device's chain, entry by entry: the rows carry their own hashes.
    const names = Object.keys(fields);
    s.forTable('insert-or-ignore', 'audit_log', names.join(','), () => `INSERT OR IGNORE INTO audit_log (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      valuesOf(names, fields),
    );
    return;
  }
  const rule = syncRule(env.table);
  const columns = s.columnsOf(env.table);
  if (!rule || !columns || Object.keys(fields).some((f) => !columns.has(f))) throw new Park('UNKNOWN_SCHEMA');
  // Only what the change decides on is read: a fact that exists already is left as it is, and an insert (a join
  // is all inserts) needs the row's fields only when the row turns out to be here already.
  const exists = () => s.forTable('exists', env.table, '', () => `SELECT 1 AS present FROM "${env.table}" WHERE id = ?`).get(env.rowId) !== undefined;
  const current =
    rule.kind === 'fact' ? (exists() ? {} : undefined) : env.op === 'insert' && !exists() ? undefined : currentFields(s, env.table, env.rowId, fields);
  let written: Record<string, unknown>;
  if (!current) {
    if (env.op !== 'insert') throw new Park('MISSING_ROW');
    insertRow(s, env.table, { ...fields, id: env.rowId });
    if (rule.kind === 'mutable') saveClocks(s, env.table, env.rowId, { '*': [env.hlc, env.seq, env.seenSeq] });
    written = fields;
  } else if (rule.kind === 'fact') {
    // A fact delivered twice, or a row seeded with the same id on two machines: one effect only.
    return;
  } else {
    written = applyMutableUpdate(state, env, fields, current);
  }
  if (Object.keys(written).length === 0) return;
  if (env.table === 'appointments' && APPOINTMENT_PLACEMENT.some((f) => f in written)) flagOverlaps(state, env);
  state.outcome.touched.push({ table: env.table as SyncedTable, rowId: env.rowId, op: current ? 'update' : 'insert', fields: written });
}

function park(state: ApplyState, env: SequencedEnvelope, reason: ParkReason): void {
  state.s
    .get(`INSERT OR REPLACE INTO sync_parked (change_id, seq, reason, envelope, parked_at) VALUES (?, ?, ?, ?, ?)`)
    .run(env.changeId, env.seq, reason, JSON.stringify(env), state.at);
  state.outcome.parked++;
}

function openFields(ctx: ApplyContext, env: SequencedEnvelope): Record<string, unknown> {
  const opened = ctx.opened?.get(env);
  if (opened === undefined) return openChange(ctx.syncKey, env);
  if (opened === null) throw new UnsealError(env.changeId);
  return JSON.parse(opened) as Record<string, unknown>;
}

/** Applies one change; returns false when it had to be parked. */
function applyEnvelope(state: ApplyState, env: SequencedEnvelope): boolean {
  const { ctx, s } = state;
  if (env.deviceId === ctx.selfDeviceId) {
    // Our own change, back from the hub: it is applied already. If its acknowledgement was lost, fold it now.
    const pending = s.get(`SELECT table_name, row_id, op, hlc, fields, seen_seq FROM sync_outbox WHERE change_id = ?`).get(env.changeId) as
      | { table_name: string; row_id: string; op: string; hlc: string; fields: string; seen_seq: number }
      | undefined;
    if (pending) {
      foldAcknowledged(ctx.sqlite, { table: pending.table_name, rowId: pending.row_id, op: pending.op, hlc: pending.hlc, fields: JSON.parse(pending.fields), seenSeq: pending.seen_seq }, env.seq);
      s.get(`DELETE FROM sync_outbox WHERE change_id = ?`).run(env.changeId);
    }
    observeOwnChange(state, env);
    return true;
  }
  let fields: Record<string, unknown>;
  try {
    fields = openFields(ctx, env);
    ctx.clock.receive(env.hlc);
  } catch (error) {
    if (error instanceof UnsealError) return park(state, env, 'UNSEALABLE'), false;
    if (error instanceof ClockSkewError) return park(state, env, 'CLOCK_SKEW'), false;
    throw error;
  }
  try {
    // No savepoint per change: each one's first write is the statement that may be refused (a trigger, a
    // constraint), and SQLite undoes a refused statement whole, so a refusal leaves nothing half-applied.
    applyOne(state, env, fields);
    state.outcome.applied++;
    return true;
  } catch (error) {
    if (error instanceof Park) return park(state, env, error.reason), false;
    // Not a refusal: the row it points to has not arrived yet (the statement was undone whole).
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return park(state, env, 'MISSING_PARENT'), false;
    if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
      // A trigger guarding a signed record, or a rule of the schema: the change is refused here as it would be locally.
      recordConflict(state, {
        id: conflictId('refused', env.changeId),
        kind: 'refused',
        table_name: env.table,
        row_id: env.rowId,
        lost_value: JSON.stringify(fields),
        lost_hlc: env.hlc,
        lost_device_id: env.deviceId,
        lost_user_id: env.userId,
      });
      state.outcome.applied++;
      return true;
    }
    throw error;
  }
}

/**
 * Applies a pulled batch in hub order and moves the cursor past it, all in
 * one transaction: a workstation killed mid-apply resumes from the last
 * committed batch, and applying it again has no second effect.
 */
export function applyRemoteBatch(ctx: ApplyContext, changes: readonly SequencedEnvelope[]): ApplyOutcome {
  // Foreign keys are checked at the batch's commit, as in the transaction that wrote the changes: one transaction
  // may write a child before its parent (and a signed note after its versions, which it then refuses more of).
  // A child whose parent is not in the batch makes the commit fail: the batch is undone and goes again with that
  // child parked (MISSING_PARENT); parked children go first in the next batch, in hub order, still deferred.
  if (!ctx.sqlite.inTransaction) {
    // Deferred foreign keys cost more on every insert of a parent row, so a batch first goes checked change by
    // change, and only one where a child missed its parent (or with children waiting) goes again deferred.
    const immediate = waitingCount(ctx) === 0 ? applyUnlessOrphans(ctx, changes) : null;
    if (immediate) return immediate;
    const held = new Set<string>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = applyDeferred(ctx, changes, held);
      if (result.ok) return result.outcome;
      if (result.orphans.size === 0 || [...result.orphans].every((id) => held.has(id))) break;
      for (const id of result.orphans) held.add(id);
    }
  }
  // Nested in a caller's transaction (or parents that cannot be told apart): checked change by change.
  return applyBatchOnce(ctx, changes, null);
}

function waitingCount(ctx: ApplyContext): number {
  const s = statementsFor(ctx.sqlite);
  return (s.get(`SELECT count(*) AS n FROM sync_parked WHERE reason IN (${WAITING.map(() => '?').join(', ')})`).get(...WAITING) as { n: number }).n;
}

/** The batch with foreign keys checked per statement, kept only if no change had to wait for a parent. */
function applyUnlessOrphans(ctx: ApplyContext, changes: readonly SequencedEnvelope[]): ApplyOutcome | null {
  const { sqlite } = ctx;
  sqlite.exec('BEGIN');
  try {
    // Nothing waited before it (see the caller), so anything waiting now was parked by it.
    const outcome = applyBatchOnce(ctx, changes, null, false);
    if (waitingCount(ctx) > 0) return null;
    sqlite.exec('COMMIT');
    return outcome;
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }
}

type DeferredResult = { ok: true; outcome: ApplyOutcome } | { ok: false; orphans: Set<string> };

function applyDeferred(ctx: ApplyContext, changes: readonly SequencedEnvelope[], held: ReadonlySet<string>): DeferredResult {
  const { sqlite } = ctx;
  // Read before the batch: the batch takes what waited out of the parking as it retries it, and a retried child
  // still without its parent must be told apart at the commit like one of the batch's own.
  const waiting = waitingEnvelopes(ctx);
  sqlite.exec('BEGIN');
  try {
    const outcome = applyBatchOnce(ctx, changes, held);
    try {
      sqlite.exec('COMMIT');
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY' || !sqlite.inTransaction) throw error;
      // The transaction is still open: find the rows without their parent, then undo it all.
      return { ok: false, orphans: orphanChanges(ctx, [...changes, ...waiting]) };
    }
    return { ok: true, outcome };
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }
}

function waitingEnvelopes(ctx: ApplyContext): SequencedEnvelope[] {
  const s = statementsFor(ctx.sqlite);
  const rows = s.get(`SELECT envelope FROM sync_parked WHERE reason IN (${WAITING.map(() => '?').join(', ')})`).all(...WAITING) as { envelope: string }[];
  return rows.map((w) => JSON.parse(w.envelope) as SequencedEnvelope);
}

/** Of these changes (the batch's and those that waited before it), the ones that wrote a row whose parent is missing. */
function orphanChanges(ctx: ApplyContext, all: readonly SequencedEnvelope[]): Set<string> {
  const s = statementsFor(ctx.sqlite);
  const byRow = new Map<string, string[]>();
  for (const env of all) {
    const key = `${env.table}\u0000${env.rowId}`;
    byRow.set(key, [...(byRow.get(key) ?? []), env.changeId]);
  }
  const orphans = new Set<string>();
  for (const table of new Set(all.map((env) => env.table))) {
    if (!s.columnsOf(table)) continue;
    // The pragma itself, not its table-valued form, where "rowid" would name the virtual table's own row number.
    const violations = ctx.sqlite.prepare(`PRAGMA foreign_key_check("${table}")`).all() as { rowid: number | null }[];
    for (const { rowid: r } of violations) {
      const row = r === null ? undefined : (ctx.sqlite.prepare(`SELECT id FROM "${table}" WHERE rowid = ?`).get(r) as { id: string } | undefined);
      for (const changeId of row ? (byRow.get(`${table}\u0000${row.id}`) ?? []) : []) orphans.add(changeId);
    }
  }
  return orphans;
}

/** `held`: deferred foreign keys, these changes parked up front; `null`: foreign keys checked statement by statement. */
function applyBatchOnce(ctx: ApplyContext, changes: readonly SequencedEnvelope[], held: ReadonlySet<string> | null, retry = true): ApplyOutcome {
  const s = statementsFor(ctx.sqlite);
  const outcome: ApplyOutcome = { applied: 0, parked: 0, conflicts: 0, cursor: 0, touched: [] };
  ctx.sqlite.transaction(() => {
    if (held) ctx.sqlite.pragma('defer_foreign_keys = ON');
    const state = newState(ctx, s, outcome);
    const from = readCursor(ctx.sqlite);
    let cursor = from;
    // Deferred, what waited goes first, in hub order, so a child still meets its parent's insert later in the batch.
    if (held) retryWaiting(state, held);
    for (const env of [...changes].sort((a, b) => a.seq - b.seq)) {
      if (env.seq <= cursor) continue;
      if (held?.has(env.changeId)) park(state, env, 'MISSING_PARENT');
      else applyEnvelope(state, env);
      cursor = env.seq;
    }
    if (!held && retry && outcome.applied > 0) retryWaiting(state, null);
    // What of this batch is still parked, whether it waits for a parent or was parked for another reason.
    outcome.parked = (s.get(`SELECT count(*) AS n FROM sync_parked WHERE seq > ? AND seq <= ?`).get(from, cursor) as { n: number }).n;
    writeCursor(s, cursor);
    outcome.cursor = cursor;
  })();
  return outcome;
}

/**
 * Changes waiting for a row or a parent get another try once a batch applied
 * something, in hub order; those still waiting are parked again.
 */
function retryWaiting(state: ApplyState, held: ReadonlySet<string> | null): void {
  const { s } = state;
  const waiting = s
    .get(`SELECT change_id, envelope FROM sync_parked WHERE reason IN (${WAITING.map(() => '?').join(', ')}) ORDER BY seq`)
    .all(...WAITING) as { change_id: string; envelope: string }[];
  for (const row of waiting) {
    if (held?.has(row.change_id)) continue;
    s.get(`DELETE FROM sync_parked WHERE change_id = ?`).run(row.change_id);
    applyEnvelope(state, JSON.parse(row.envelope) as SequencedEnvelope);
  }
}

/** Retries parked changes (after an upgrade, or once the clocks agree); those that apply leave the parking. */
export function retryParked(ctx: ApplyContext): ApplyOutcome {
  const s = statementsFor(ctx.sqlite);
  const outcome: ApplyOutcome = { applied: 0, parked: 0, conflicts: 0, cursor: readCursor(ctx.sqlite), touched: [] };
  const parked = s.get(`SELECT change_id, envelope FROM sync_parked ORDER BY seq`).all() as { change_id: string; envelope: string }[];
  ctx.sqlite.transaction(() => {
    const state = newState(ctx, s, outcome);
    for (const row of parked) {
      s.get(`DELETE FROM sync_parked WHERE change_id = ?`).run(row.change_id);
      const before = outcome.parked;
      applyEnvelope(state, JSON.parse(row.envelope) as SequencedEnvelope);
      if (outcome.parked > before) outcome.parked = before + 1;
    }
  })();
  outcome.parked = (s.get(`SELECT count(*) AS n FROM sync_parked`).get() as { n: number }).n;
  return outcome;
}
