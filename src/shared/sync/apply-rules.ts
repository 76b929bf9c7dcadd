/**
 * The pure rules for applying a remote change to one field of a mutable row.
 * Main reads the clocks and rows, asks these rules, and writes what they say,
 * so the rules can be tested (and property-tested) without a database.
 */

/**
 * What a conflict is, the same on every replica:
 *
 * Two edits of one field of one row are concurrent when neither author had
 * seen the other's: an author has seen an edit made earlier on its own
 * workstation, and every edit whose hub sequence number is at most the
 * `seenSeq` it stamped on its own (what it had applied when it wrote). Both
 * directions are checked, so an old change delivered again is never taken for
 * a new one.
 *
 * The office's log (the hub's order) is the history every replica agrees on.
 * Take it in order, per field of a row: each edit meets the edit that set the
 * value held so far. When those two are concurrent and their values differ,
 * the one last-writer-wins does not keep (the lower HLC; a tombstone beats a
 * concurrent edit clearing it) is a conflict: one per losing edit, keyed by its
 * HLC, so replicas agree on its id. An edit replaced by one whose author had
 * seen it is not a conflict (it was overwritten on purpose), nor are two
 * concurrent edits to the same value.
 *
 * So with three edits where the third had seen the first but not the second,
 * the log decides: first, third, second leaves the loser of the third and the
 * second; first, second, third also leaves the loser of the first and the
 * second, because every replica held the second over the first for a while.
 *
 * A replica that made none of the edits applies the log in order and finds
 * exactly these. The workstation that made an edit already shows it before the
 * hub has sequenced it, so it keeps aside what the log held instead
 * (`ObservedValue`), compares arriving edits with that, and compares its own
 * edit when the hub sends it back, at its place in the log.
 */

/** Who set a field's current value: the change's HLC, its hub sequence number (0 while not yet acknowledged) and what its author had seen. */
export interface FieldClock {
  hlc: string;
  seq: number;
  /** The `seenSeq` of the change that set it; unknown for clocks stored before it was kept. */
  seen?: number;
}

export interface IncomingEdit {
  hlc: string;
  deviceId: string;
  /** The hub sequence number its author had applied when making it. */
  seenSeq: number;
  /** Its own hub sequence number. */
  seq?: number;
}

export type FieldDecision =
  /** Write the incoming value. `conflict`: the value it replaced was set concurrently and is kept for review. */
  | { write: true; conflict: boolean }
  /** Keep the current value. `conflict`: the incoming value was concurrent and is kept for review. */
  | { write: false; conflict: boolean };

/** The device that stamped an HLC: its node part (see hlc.ts). */
export function hlcDevice(hlc: string): string {
  return hlc.slice(hlc.indexOf('-', 16) + 1);
}

/**
 * Two edits are concurrent when neither author had seen the other's: the
 * current value came from another device and reached the hub after (or has
 * not yet reached it) what the incoming edit's author had applied, and the
 * incoming edit reached the hub after what the current value's author had.
 */
export function isConcurrent(current: FieldClock, incoming: IncomingEdit): boolean {
  if (hlcDevice(current.hlc) === incoming.deviceId) return false;
  const incomingSawCurrent = current.seq > 0 && current.seq <= incoming.seenSeq;
  const currentSawIncoming = incoming.seq !== undefined && current.seen !== undefined && incoming.seq <= current.seen;
  return !incomingSawCurrent && !currentSawIncoming;
}

/**
 * Last writer wins by HLC, per field. A tombstone wins over a concurrent
 * edit that would clear it, whatever the clocks say: deleting is deliberate,
 * and an edit made without seeing the deletion must not bring the row back.
 */
export function decideField(
  current: FieldClock | undefined,
  incoming: IncomingEdit,
  tombstone?: { currentSet: boolean; incomingSet: boolean },
): FieldDecision {
  if (!current) return { write: true, conflict: false };
  if (incoming.hlc === current.hlc) return { write: false, conflict: false };
  const concurrent = isConcurrent(current, incoming);
  if (tombstone && concurrent && tombstone.currentSet && !tombstone.incomingSet) return { write: false, conflict: true };
  if (tombstone && concurrent && !tombstone.currentSet && tombstone.incomingSet) return { write: true, conflict: true };
  const wins = incoming.hlc > current.hlc;
  return { write: wins, conflict: concurrent };
}

/**
 * Row clocks as stored: a default for every field set by the insert, then per-field overrides.
 * A `~field` entry also carries a value: see `observedOf`.
 */
export type RowClocks = Record<string, [hlc: string, seq: number, seen?: number, value?: string, ownHlc?: string]>;

export function clockOf(clocks: RowClocks, field: string): FieldClock | undefined {
  const entry = clocks[field] ?? clocks['*'];
  return entry ? { hlc: entry[0], seq: entry[1], ...(entry[2] === undefined ? {} : { seen: entry[2] }) } : undefined;
}

/**
 * What the office's log says a field holds, where this workstation shows
 * something else: while its own edit of the field has not come back from the
 * hub yet, the row holds that edit, but every other replica still holds (and
 * compares what arrives with) the value it replaced. Kept from the local write
 * until the hub has sent back this workstation's last edit of the field, so
 * conflicts are derived here exactly as there. `value` is as stored in a
 * conflict: the JSON of the column's value.
 */
export interface ObservedValue {
  clock: FieldClock;
  value: string;
  /** The newest of this workstation's own edits of the field the hub has acknowledged: until it is back, the log and the row differ. */
  ownHlc?: string;
}

const OBSERVED = '~';

export function observedOf(clocks: RowClocks, field: string): ObservedValue | undefined {
  const entry = clocks[OBSERVED + field];
  return entry ? { clock: { hlc: entry[0], seq: entry[1], seen: entry[2] ?? 0 }, value: entry[3] ?? 'null', ...(entry[4] ? { ownHlc: entry[4] } : {}) } : undefined;
}

/** Sets what the log holds for the field; what is known of this workstation's own edits stays. */
export function setObserved(clocks: RowClocks, field: string, observed: ObservedValue): void {
  const ownHlc = observed.ownHlc ?? clocks[OBSERVED + field]?.[4];
  const entry: RowClocks[string] = [observed.clock.hlc, observed.clock.seq, observed.clock.seen ?? 0, observed.value];
  if (ownHlc) entry.push(ownHlc);
  clocks[OBSERVED + field] = entry;
}

/** The hub acknowledged this workstation's edit of the field: the value kept aside stays until that edit is back. */
export function noteOwnAcknowledged(clocks: RowClocks, field: string, hlc: string): void {
  const observed = observedOf(clocks, field);
  if (observed && (observed.ownHlc ?? '') < hlc) setObserved(clocks, field, { ...observed, ownHlc: hlc });
}

/** Whether an own edit with this HLC, back from the hub, is the last one the value kept aside waits for. */
export function lastOwnBack(observed: ObservedValue, hlc: string): boolean {
  return (observed.ownHlc ?? '') <= hlc;
}

export function dropObserved(clocks: RowClocks, field: string): void {
  delete clocks[OBSERVED + field];
}

/** A column value as a conflict stores it: the JSON of what SQLite holds. */
export function storedJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'object') return JSON.stringify(JSON.stringify(value));
  return JSON.stringify(value);
}

/** Erasing a patient's data also overwrites what was kept aside of it; returns whether anything was. */
export function replaceObservedValues(clocks: RowClocks, fields: Record<string, unknown>): boolean {
  let replaced = false;
  for (const [field, value] of Object.entries(fields)) {
    const observed = observedOf(clocks, field);
    if (!observed) continue;
    setObserved(clocks, field, { clock: observed.clock, value: storedJson(value) });
    replaced = true;
  }
  return replaced;
}

export function hasObserved(clocks: RowClocks): boolean {
  return Object.keys(clocks).some((key) => key.startsWith(OBSERVED));
}

/**
 * One step of the office log for one field: the edit arriving (`incoming`,
 * its value as JSON) against the value held (`held`). Returns which of the two
 * is now held, and which one lost as a conflict, if any (see the definition
 * at the top of this file).
 */
export function fieldStep(
  held: ObservedValue,
  incoming: IncomingEdit,
  incomingValue: string,
  isTombstone: boolean,
): { write: boolean; lost: 'held' | 'incoming' | null } {
  const tombstone = isTombstone ? { currentSet: held.value !== 'null', incomingSet: incomingValue !== 'null' } : undefined;
  const decision = decideField(held.clock, incoming, tombstone);
  // Same value on both sides: nothing was lost, so nothing to review.
  const lost = decision.conflict && held.value !== incomingValue ? (decision.write ? 'held' : 'incoming') : null;
  return { write: decision.write, lost };
}
