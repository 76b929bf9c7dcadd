/**
 * The chart as a log of immutable facts.
 *
 * Nothing on a chart is overwritten or deleted. Each edit appends events:
 *   add        a new item (its id is the add event's id);
 *   supersede  a new version of an item (planned → completed, other surfaces);
 *   end        the item stops being true (a planned extraction was done, a
 *              planned treatment was dropped) — the clinical past keeps it;
 *   void       an earlier event was recorded in error. Undo is a void too, and
 *              redo voids the undo, so history and undo are one mechanism.
 * Every event says when (`at`, an ISO instant), who (`by`), which user action
 * produced it (`action`), and the batch of events that action made together
 * (`batch`), which is what undo takes back.
 *
 * chartAt replays the log up to an instant. By default it shows the chart as
 * it was recorded then ('as_recorded': a void made later does not reach back),
 * which is what a record must be able to show; 'as_corrected' applies every
 * void, however late, to show the past without the errors.
 */

import { type ChartItem, type Finding, type ToothState, ABSENT_STATES, areaTeeth } from './findings';
import { type ToothId, PERMANENT_DENTITION, buildDentition } from './teeth';

export type ChartActionType =
  | 'recordFinding'
  | 'changeFinding'
  | 'completeFinding'
  | 'removeFinding'
  | 'setToothState'
  | 'clearToothState'
  | 'setDentition'
  | 'voidEvent'
  | 'undo'
  | 'redo';

export interface ChartEventMeta {
  id: string;
  /** ISO 8601 instant, e.g. 2025-03-04T14:05:00.000Z. */
  at: string;
  /** The user who recorded it. */
  by: string;
  /** Events one user action produced together; undo voids a whole batch. */
  batch: string;
  action: ChartActionType;
}

export type ChartEventBody =
  | { kind: 'add'; item: ChartItem }
  | { kind: 'supersede'; target: string; item: ChartItem }
  | { kind: 'end'; target: string }
  /** `reason` is 'undo', 'redo', or what the user gave for a correction. */
  | { kind: 'void'; target: string; reason: string };

export type ChartEvent = ChartEventMeta & ChartEventBody;

export interface ChartEntry {
  /** The item's id: the id of the event that added it. */
  id: string;
  item: ChartItem;
  addedAt: string;
  addedBy: string;
  /** The event that produced the current version (the add, or the latest supersede). */
  versionEvent: string;
  changedAt: string;
  changedBy: string;
}

export interface ChartState {
  /** The instant replayed to, or null for "everything recorded". */
  asOf: string | null;
  /** Current items, in the order they were added. */
  entries: readonly ChartEntry[];
}

export type CorrectionMode = 'as_recorded' | 'as_corrected';

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not an ISO instant: ${JSON.stringify(iso)}`);
  return ms;
}

/** Events in time order; events with the same instant keep the order they were stored in. */
export function orderEvents(events: readonly ChartEvent[]): ChartEvent[] {
  return events
    .map((event, index) => ({ event, index, ms: timeOf(event.at) }))
    .sort((a, b) => a.ms - b.ms || a.index - b.index)
    .map((e) => e.event);
}

/**
 * Which events are voided, considering only the voids given. A void counts
 * unless it is itself voided (that is how redo works), and it can only reach
 * back: a void naming a later or unknown event is ignored.
 */
export function voidedEventIds(ordered: readonly ChartEvent[]): Set<string> {
  const position = new Map(ordered.map((e, i) => [e.id, i]));
  const voided = new Set<string>();
  for (let i = ordered.length - 1; i >= 0; i--) {
    const e = ordered[i]!;
    if (e.kind !== 'void' || voided.has(e.id)) continue;
    const target = position.get(e.target);
    if (target !== undefined && target < i) voided.add(e.target);
  }
  return voided;
}

function sameSubject(a: ChartItem, b: ChartItem): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'tooth_state' && b.type === 'tooth_state') return a.tooth === b.tooth;
  return true;
}

/** Replays already ordered events with a given set of voided ids. */
function replay(ordered: readonly ChartEvent[], voided: ReadonlySet<string>, asOf: string | null): ChartState {
  const entries = new Map<string, ChartEntry>();
  for (const e of ordered) {
    if (voided.has(e.id)) continue;
    switch (e.kind) {
      case 'add':
        entries.set(e.id, { id: e.id, item: e.item, addedAt: e.at, addedBy: e.by, versionEvent: e.id, changedAt: e.at, changedBy: e.by });
        break;
      case 'supersede': {
        const current = entries.get(e.target);
        // A version for an item that no longer exists (its add was voided) has nothing to apply to.
        if (current && sameSubject(current.item, e.item)) entries.set(e.target, { ...current, item: e.item, versionEvent: e.id, changedAt: e.at, changedBy: e.by });
        break;
      }
      case 'end':
        entries.delete(e.target);
        break;
      case 'void':
        break;
    }
  }
  return { asOf, entries: [...entries.values()] };
}

/** The chart as of an instant (inclusive). Pass null for everything recorded. */
export function chartAt(events: readonly ChartEvent[], instant: string | null, options: { corrections?: CorrectionMode } = {}): ChartState {
  const ordered = orderEvents(events);
  const limit = instant === null ? Infinity : timeOf(instant);
  const upTo = ordered.filter((e) => timeOf(e.at) <= limit);
  const voided = voidedEventIds(options.corrections === 'as_corrected' ? ordered : upTo);
  return replay(upTo, voided, instant);
}

export function currentChart(events: readonly ChartEvent[]): ChartState {
  return chartAt(events, null);
}

export function entryById(state: ChartState, id: string): ChartEntry | undefined {
  return state.entries.find((e) => e.id === id);
}

export function findings(state: ChartState): Array<ChartEntry & { item: Finding }> {
  return state.entries.filter((e): e is ChartEntry & { item: Finding } => e.item.type === 'finding');
}

/** The whole-tooth states in force on a tooth, in the order they were recorded. */
export function toothStates(state: ChartState, tooth: ToothId): ToothState[] {
  const out: ToothState[] = [];
  for (const e of state.entries) if (e.item.type === 'tooth_state' && e.item.tooth === tooth) out.push(e.item.state);
  return out;
}

export function toothStateEntry(state: ChartState, tooth: ToothId, toothState: ToothState): ChartEntry | undefined {
  return state.entries.find((e) => e.item.type === 'tooth_state' && e.item.tooth === tooth && e.item.state === toothState);
}

/** Findings drawn on a tooth: on its surfaces, the whole tooth, or a range through it (wider areas are listed apart). */
export function findingsForTooth(state: ChartState, tooth: ToothId): Array<ChartEntry & { item: Finding }> {
  return findings(state).filter((e) => areaTeeth(e.item.area).includes(tooth));
}

export function dentitionEntry(state: ChartState): ChartEntry | undefined {
  return state.entries.find((e) => e.item.type === 'dentition');
}

/**
 * The teeth to draw: the recorded dentition (or the fallback, permanent by
 * default) plus any tooth that has a state or finding, so a supernumerary
 * tooth appears as soon as something is recorded on it.
 */
export function chartTeeth(state: ChartState, fallback: readonly ToothId[] = PERMANENT_DENTITION): ToothId[] {
  const base = dentitionEntry(state);
  const teeth = new Set<ToothId>(base && base.item.type === 'dentition' ? base.item.teeth : fallback);
  for (const e of state.entries) {
    if (e.item.type === 'tooth_state') teeth.add(e.item.tooth);
    else if (e.item.type === 'finding') for (const t of areaTeeth(e.item.area)) teeth.add(t);
  }
  return buildDentition(teeth);
}

/** Teeth with no natural crown in the mouth (missing, extracted, unerupted): what a perio exam skips. */
export function absentTeeth(state: ChartState): ToothId[] {
  const out = new Set<ToothId>();
  for (const e of state.entries) if (e.item.type === 'tooth_state' && ABSENT_STATES.has(e.item.state)) out.add(e.item.tooth);
  return buildDentition(out);
}

// ---------------------------------------------------------------------------
// Comparing two dates

export interface ChartDiff {
  added: ChartEntry[];
  removed: ChartEntry[];
  changed: Array<{ before: ChartEntry; after: ChartEntry }>;
  /** Teeth with any difference, for highlighting (wider areas name no tooth). */
  teeth: ToothId[];
}

function itemTeeth(item: ChartItem): readonly ToothId[] {
  return item.type === 'finding' ? areaTeeth(item.area) : item.type === 'tooth_state' ? [item.tooth] : [];
}

/** What changed from chart a to chart b (typically an earlier date to a later one). */
export function diffCharts(a: ChartState, b: ChartState): ChartDiff {
  const before = new Map(a.entries.map((e) => [e.id, e]));
  const after = new Map(b.entries.map((e) => [e.id, e]));
  const diff: ChartDiff = { added: [], removed: [], changed: [], teeth: [] };
  const teeth = new Set<ToothId>();
  for (const [id, e] of after) {
    const old = before.get(id);
    if (!old) {
      diff.added.push(e);
      itemTeeth(e.item).forEach((t) => teeth.add(t));
    } else if (old.versionEvent !== e.versionEvent) {
      diff.changed.push({ before: old, after: e });
      [...itemTeeth(old.item), ...itemTeeth(e.item)].forEach((t) => teeth.add(t));
    }
  }
  for (const [id, e] of before) {
    if (!after.has(id)) {
      diff.removed.push(e);
      itemTeeth(e.item).forEach((t) => teeth.add(t));
    }
  }
  diff.teeth = teeth.size ? buildDentition(teeth) : [];
  return diff;
}

// ---------------------------------------------------------------------------
// History of one item

export interface ItemHistoryStep {
  event: ChartEvent;
  /** Voided by a later event (in the full log): shown struck through, never hidden. */
  voided: boolean;
  voidedBy: ChartEvent | null;
}

/** Every event about an item (its add, versions, end) and the voids of those events, in time order. */
export function itemHistory(events: readonly ChartEvent[], itemId: string): ItemHistoryStep[] {
  const ordered = orderEvents(events);
  const voided = voidedEventIds(ordered);
  const voiders = new Map<string, ChartEvent>();
  for (const e of ordered) if (e.kind === 'void' && !voided.has(e.id)) voiders.set(e.target, e);
  return ordered
    .filter((e) => (e.kind === 'add' && e.id === itemId) || ((e.kind === 'supersede' || e.kind === 'end') && e.target === itemId))
    .map((event) => ({ event, voided: voided.has(event.id), voidedBy: voiders.get(event.id) ?? null }));
}
