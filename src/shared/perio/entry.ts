/**
 * Keyboard entry of a perio exam as a pure state machine: the UI dispatches
 * every key to applyKey and draws the state it gets back. Nothing is timed or
 * buffered, so keys typed as fast as a test can send them all land.
 *
 * The cursor walks a fixed list of stops (tooth, site, row), built from the
 * order and the passes:
 *
 * Order (default 'open_dental', Open Dental's auto-advance), in Universal:
 *   1 → 16 facial, 16 → 1 lingual, 32 → 17 facial, 17 → 32 lingual.
 * In screen terms: the upper row left to right on the facial side, back right
 * to left on the palatal side, then the lower row left to right facially and
 * right to left lingually. Within a tooth the three sites follow the
 * direction of travel, so tooth 1 facial is DB, B, MB and tooth 9 facial is
 * MB, B, DB. The same rule runs over any dentition (primary or mixed teeth sit
 * in their successors' columns). A custom order is a list of segments, each a
 * run of teeth on one side; its direction of travel comes from the first and
 * last teeth's columns unless given.
 *
 * Passes (default SEPARATE_PASSES): the PD row for the whole mouth, then the
 * GM row for the whole mouth, as in Open Dental. INTERLEAVED_PASSES enters PD
 * then GM at each site before moving on. A pass may include 'mgj', which
 * stops only where MGJ is charted (not on the palate).
 *
 * Missing teeth have no stops, so they are never visited.
 *
 * Keys:
 *   0–9         the value at the cursor, then advance. On PD and MGJ rows,
 *               Ctrl+digit is 10–19. On the GM row a plain digit is recession
 *               (positive GM) and Ctrl+digit, or '+' then a digit, a margin
 *               coronal to the CEJ (negative GM); see exam.ts.
 *   B S P C     toggle bleeding, suppuration, plaque or calculus on the site
 *               just entered (the stop before the cursor); pressing it again
 *               clears the mark.
 *   Backspace   step back one stop and clear its value (marks are kept: they
 *               toggle separately). After '+', it only cancels the '+'.
 *   ArrowRight  skip the stop, leaving it unmeasured; ArrowLeft step back
 *               without clearing. Other keys are ignored (same state back).
 */

import { type PerioExam, type SiteFlag, assertDraft, setMissing, setSite, siteReading, toggleFlag } from './exam';
import { type Side, type Site, mgjApplies, sitesLeftToRight } from './sites';
import { type ToothId, displayColumn, displayOrder } from '../chart/teeth';

export type EntryRow = 'pd' | 'gm' | 'mgj';
export type EntryPasses = readonly (readonly EntryRow[])[];
export const SEPARATE_PASSES: EntryPasses = [['pd'], ['gm']];
export const INTERLEAVED_PASSES: EntryPasses = [['pd', 'gm']];

export interface OrderSegment {
  teeth: readonly ToothId[];
  side: Side;
  /** Direction of travel on screen; by default from the first and last teeth's columns. */
  direction?: 'ltr' | 'rtl';
}

export type EntryOrder = 'open_dental' | readonly OrderSegment[];

export interface EntryConfig {
  order: EntryOrder;
  passes: EntryPasses;
}

export const DEFAULT_ENTRY_CONFIG: EntryConfig = { order: 'open_dental', passes: SEPARATE_PASSES };

export interface Stop {
  tooth: ToothId;
  site: Site;
  row: EntryRow;
}

export interface EntryState {
  readonly exam: PerioExam;
  readonly config: EntryConfig;
  readonly stops: readonly Stop[];
  /** Index of the next stop to fill; stops.length when the last pass is done. */
  readonly cursor: number;
  /** '+' was pressed: the next digit on the GM row is a coronal margin. */
  readonly plus: boolean;
}

/** What the UI sends: the key's name (KeyboardEvent.key) and whether Ctrl (or Cmd) was held. */
export interface PerioKey {
  key: string;
  ctrl?: boolean;
}

/** Open Dental's four segments over a set of teeth. */
export function openDentalSegments(teeth: readonly ToothId[]): OrderSegment[] {
  const rows = displayOrder(teeth);
  return [
    { teeth: rows.upper, side: 'facial', direction: 'ltr' },
    { teeth: [...rows.upper].reverse(), side: 'lingual', direction: 'rtl' },
    { teeth: rows.lower, side: 'facial', direction: 'ltr' },
    { teeth: [...rows.lower].reverse(), side: 'lingual', direction: 'rtl' },
  ];
}

function segmentDirection(segment: OrderSegment): 'ltr' | 'rtl' {
  if (segment.direction) return segment.direction;
  const first = segment.teeth[0];
  const last = segment.teeth[segment.teeth.length - 1];
  return first !== undefined && last !== undefined && displayColumn(last) < displayColumn(first) ? 'rtl' : 'ltr';
}

/** The stops for an exam: every pass over every segment, skipping missing teeth and teeth not on the exam. */
export function buildStops(exam: PerioExam, config: EntryConfig = DEFAULT_ENTRY_CONFIG): Stop[] {
  const missing = new Set(exam.missing);
  const charted = new Set(exam.teeth);
  const segments = config.order === 'open_dental' ? openDentalSegments(exam.teeth) : config.order;
  const stops: Stop[] = [];
  for (const pass of config.passes) {
    for (const segment of segments) {
      const direction = segmentDirection(segment);
      for (const tooth of segment.teeth) {
        if (missing.has(tooth) || !charted.has(tooth)) continue;
        const sites = sitesLeftToRight(tooth, segment.side);
        if (direction === 'rtl') sites.reverse();
        for (const site of sites) {
          for (const row of pass) {
            if (row === 'mgj' && !mgjApplies(tooth, segment.side)) continue;
            stops.push({ tooth, site, row });
          }
        }
      }
    }
  }
  return stops;
}

export function startEntry(exam: PerioExam, config: EntryConfig = DEFAULT_ENTRY_CONFIG): EntryState {
  return { exam, config, stops: buildStops(exam, config), cursor: 0, plus: false };
}

export const currentStop = (state: EntryState): Stop | null => state.stops[state.cursor] ?? null;
/** The stop whose site B/S/P/C would mark. */
export const lastStop = (state: EntryState): Stop | null => (state.cursor > 0 ? state.stops[state.cursor - 1]! : null);
export const isEntryDone = (state: EntryState): boolean => state.cursor >= state.stops.length;

const FLAG_KEYS: Record<string, SiteFlag> = { b: 'bleeding', s: 'suppuration', p: 'plaque', c: 'calculus' };

function valueFor(row: EntryRow, digit: number, ctrl: boolean, plus: boolean): number {
  if (row === 'gm') return ctrl || plus ? -digit : digit;
  return ctrl ? 10 + digit : digit;
}

export function applyKey(state: EntryState, input: PerioKey | string): EntryState {
  assertDraft(state.exam);
  const { key, ctrl = false } = typeof input === 'string' ? { key: input } : input;
  const stop = currentStop(state);

  if (/^[0-9]$/.test(key)) {
    if (!stop) return state;
    const value = valueFor(stop.row, Number(key), ctrl, state.plus);
    return { ...state, exam: setSite(state.exam, stop.tooth, stop.site, { [stop.row]: value }), cursor: state.cursor + 1, plus: false };
  }
  if (ctrl) return state;

  const flag = FLAG_KEYS[key.toLowerCase()];
  if (flag && key.length === 1) {
    const last = lastStop(state);
    return last ? { ...state, exam: toggleFlag(state.exam, last.tooth, last.site, flag) } : state;
  }
  switch (key) {
    case '+':
      return stop?.row === 'gm' && !state.plus ? { ...state, plus: true } : state;
    case 'Backspace': {
      if (state.plus) return { ...state, plus: false };
      const last = lastStop(state);
      if (!last) return state;
      return { ...state, exam: setSite(state.exam, last.tooth, last.site, { [last.row]: null }), cursor: state.cursor - 1 };
    }
    case 'ArrowRight':
      return stop ? { ...state, cursor: state.cursor + 1, plus: false } : state;
    case 'ArrowLeft':
      return state.cursor > 0 ? { ...state, cursor: state.cursor - 1, plus: false } : state;
    default:
      return state;
  }
}

export function applyKeys(state: EntryState, keys: Iterable<PerioKey | string>): EntryState {
  let s = state;
  for (const k of keys) s = applyKey(s, k);
  return s;
}

/** Moves the cursor to a stop (a click on a cell). Unknown stops leave the state as it is. */
export function goTo(state: EntryState, target: Stop): EntryState {
  const i = state.stops.findIndex((s) => s.tooth === target.tooth && s.site === target.site && s.row === target.row);
  return i < 0 ? state : { ...state, cursor: i, plus: false };
}

/**
 * Marks a tooth missing or present during entry. The stops are rebuilt and
 * the cursor stays on the same stop, or the next one still there.
 */
export function setEntryMissing(state: EntryState, tooth: ToothId, missing: boolean): EntryState {
  const exam = setMissing(state.exam, tooth, missing);
  const stops = buildStops(exam, state.config);
  const key = (s: Stop) => `${s.tooth}|${s.site}|${s.row}`;
  const index = new Map(stops.map((s, i) => [key(s), i]));
  let cursor = stops.length;
  for (let i = state.cursor; i < state.stops.length; i++) {
    const found = index.get(key(state.stops[i]!));
    if (found !== undefined) {
      cursor = found;
      break;
    }
  }
  return { ...state, exam, stops, cursor, plus: false };
}

/** The value stored at a stop (for drawing the cell). */
export function stopValue(exam: PerioExam, stop: Stop): number | null {
  return siteReading(exam, stop.tooth, stop.site)[stop.row];
}
