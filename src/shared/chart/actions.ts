/**
 * Named edits of the chart. Each user action (a click, a shortcut, a menu
 * item) is one ChartAction; applyChartAction checks it against the log and
 * returns the events to append, all in one batch. Undo and redo are actions
 * too: undo voids the user's latest batch, redo voids that undo. So the
 * history panel, undo and keyboard shortcuts all run through this one door.
 *
 * The module is pure: ids and the time come from the caller's context, and the
 * catalog is reached through a lookup so the chart does not depend on where
 * the practice keeps its procedure list.
 */

import { type ChartActionType, type ChartEvent, type ChartEventBody, type ChartState, chartAt, entryById, orderEvents, toothStateEntry, voidedEventIds } from './events';
import {
  type AreaError,
  type AreaKind,
  type ChartItem,
  type Finding,
  type FindingStatus,
  type ToothState,
  type TreatmentArea,
  type TreatmentAreaInput,
  FINDING_STATUSES,
  IN_MOUTH_STATUSES,
  STATE_ENDS,
  TOOTH_STATES,
  normalizeArea,
} from './findings';
import { type ToothId, buildDentition, isToothId } from './teeth';

/** What the chart needs to know about a code (procedures/catalog.ts provides it). */
export interface ProcedureInfo {
  surfacesRequired: boolean;
  /** The whole-tooth state the work leaves once it is in the mouth (completed or existing). */
  resultsIn: ToothState | null;
  area?: AreaKind;
}

export interface ActionContext {
  /** ISO instant of the edit. */
  at: string;
  by: string;
  /** Fresh unique ids (UUIDs in practice), one per event and one for the batch. */
  newId: () => string;
  /** Looks up a code; when given, unknown codes are refused and results are applied. */
  procedure?: (code: string) => ProcedureInfo | undefined;
}

export type ChartAction =
  | { type: 'recordFinding'; area: TreatmentAreaInput; code: string; status: FindingStatus; note?: string }
  | { type: 'changeFinding'; findingId: string; area?: TreatmentAreaInput; code?: string; status?: FindingStatus; note?: string }
  | { type: 'completeFinding'; findingId: string }
  /** The finding stops being true (a plan dropped); not for errors, which are voided. */
  | { type: 'removeFinding'; findingId: string }
  | { type: 'setToothState'; tooth: ToothId; state: ToothState; note?: string }
  | { type: 'clearToothState'; tooth: ToothId; state: ToothState }
  | { type: 'setDentition'; teeth: readonly ToothId[] }
  /** Marks an event as recorded in error; the reason is kept with it. */
  | { type: 'voidEvent'; eventId: string; reason: string }
  | { type: 'undo' }
  | { type: 'redo' };

export type ChartActionError =
  | AreaError
  | 'code_required'
  | 'unknown_code'
  | 'unknown_status'
  | 'surfaces_required'
  | 'unknown_finding'
  | 'already_completed'
  | 'no_change'
  | 'unknown_state'
  | 'state_already_set'
  | 'state_not_set'
  | 'empty_dentition'
  | 'unknown_event'
  | 'already_voided'
  | 'reason_required'
  | 'nothing_to_undo'
  | 'nothing_to_redo';

export type ActionResult = { ok: true; events: ChartEvent[] } | { ok: false; error: ChartActionError };

const fail = (error: ChartActionError): ActionResult => ({ ok: false, error });

class Batch {
  readonly id: string;
  readonly events: ChartEvent[] = [];
  constructor(
    private readonly ctx: ActionContext,
    private readonly action: ChartActionType,
  ) {
    this.id = ctx.newId();
  }
  push(body: ChartEventBody): string {
    const id = this.ctx.newId();
    this.events.push({ id, at: this.ctx.at, by: this.ctx.by, batch: this.id, action: this.action, ...body });
    return id;
  }
  done(): ActionResult {
    return { ok: true, events: this.events };
  }
}

/** The tooth states a finding in the mouth leaves behind, and the states they end. */
function applyResults(batch: Batch, state: ChartState, finding: Finding, ctx: ActionContext): void {
  if (!IN_MOUTH_STATUSES.has(finding.status) || !ctx.procedure) return;
  const result = ctx.procedure(finding.code)?.resultsIn;
  if (!result) return;
  // A range (bridge) has abutments and pontics, which the catalog cannot tell apart: those are set per tooth.
  if (finding.area.kind !== 'tooth' && finding.area.kind !== 'surface') return;
  addState(batch, state, finding.area.tooth, result);
}

function addState(batch: Batch, state: ChartState, tooth: ToothId, toothState: ToothState, note?: string): void {
  for (const ended of STATE_ENDS[toothState] ?? []) {
    const entry = toothStateEntry(state, tooth, ended);
    if (entry) batch.push({ kind: 'end', target: entry.id });
  }
  if (!toothStateEntry(state, tooth, toothState)) batch.push({ kind: 'add', item: { type: 'tooth_state', tooth, state: toothState, ...(note ? { note } : {}) } });
}

function checkFinding(area: TreatmentArea, code: string, ctx: ActionContext): ChartActionError | null {
  if (!code.trim()) return 'code_required';
  if (!ctx.procedure) return null;
  const info = ctx.procedure(code);
  if (!info) return 'unknown_code';
  if (info.surfacesRequired && area.kind !== 'surface') return 'surfaces_required';
  return null;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.code === b.code && a.status === b.status && (a.note ?? '') === (b.note ?? '') && JSON.stringify(a.area) === JSON.stringify(b.area);
}

interface UndoStacks {
  /** The user's batches that can be undone, oldest first. */
  done: string[];
  /** Undo batches that can be redone, oldest first. */
  undone: string[];
}

/** Rebuilds one user's undo and redo stacks from the log: nothing is kept outside it. */
export function undoStacks(log: readonly ChartEvent[], by: string): UndoStacks {
  const ordered = orderEvents(log);
  const batchOf = new Map(ordered.map((e) => [e.id, e.batch]));
  const seen = new Set<string>();
  const stacks: UndoStacks = { done: [], undone: [] };
  const remove = (list: string[], id: string) => {
    const i = list.lastIndexOf(id);
    if (i >= 0) list.splice(i, 1);
  };
  for (const e of ordered) {
    if (e.by !== by || seen.has(e.batch)) continue;
    seen.add(e.batch);
    if (e.action === 'undo' && e.kind === 'void') {
      remove(stacks.done, batchOf.get(e.target) ?? '');
      stacks.undone.push(e.batch);
    } else if (e.action === 'redo' && e.kind === 'void') {
      const undoBatch = batchOf.get(e.target) ?? '';
      remove(stacks.undone, undoBatch);
      const original = ordered.find((x) => x.batch === undoBatch && x.kind === 'void');
      if (original && original.kind === 'void') stacks.done.push(batchOf.get(original.target) ?? '');
    } else {
      stacks.done.push(e.batch);
      stacks.undone = [];
    }
  }
  return stacks;
}

function voidBatch(batch: Batch, log: readonly ChartEvent[], targetBatch: string, reason: 'undo' | 'redo', voided: ReadonlySet<string>): boolean {
  // Later events first, so the voids read in the order the edits are taken back.
  const targets = log.filter((e) => e.batch === targetBatch && !voided.has(e.id)).reverse();
  for (const t of targets) batch.push({ kind: 'void', target: t.id, reason });
  return targets.length > 0;
}

export function applyChartAction(log: readonly ChartEvent[], action: ChartAction, ctx: ActionContext): ActionResult {
  const state = chartAt(log, null);
  const batch = new Batch(ctx, action.type);
  switch (action.type) {
    case 'recordFinding': {
      if (!FINDING_STATUSES.includes(action.status)) return fail('unknown_status');
      const area = normalizeArea(action.area);
      if (!area.ok) return fail(area.error);
      const error = checkFinding(area.area, action.code, ctx);
      if (error) return fail(error);
      const finding: Finding = { type: 'finding', area: area.area, code: action.code.trim(), status: action.status, ...(action.note ? { note: action.note } : {}) };
      batch.push({ kind: 'add', item: finding });
      applyResults(batch, state, finding, ctx);
      return batch.done();
    }
    case 'changeFinding':
    case 'completeFinding': {
      const entry = entryById(state, action.findingId);
      if (!entry || entry.item.type !== 'finding') return fail('unknown_finding');
      const current = entry.item;
      let next: Finding;
      if (action.type === 'completeFinding') {
        if (current.status === 'completed') return fail('already_completed');
        next = { ...current, status: 'completed' };
      } else {
        if (action.status !== undefined && !FINDING_STATUSES.includes(action.status)) return fail('unknown_status');
        let area = current.area;
        if (action.area) {
          const normalized = normalizeArea(action.area);
          if (!normalized.ok) return fail(normalized.error);
          area = normalized.area;
        }
        next = { ...current, area, code: action.code?.trim() ?? current.code, status: action.status ?? current.status };
        if (action.note !== undefined) {
          if (action.note) next.note = action.note;
          else delete next.note;
        }
        const error = checkFinding(next.area, next.code, ctx);
        if (error) return fail(error);
        if (sameFinding(current, next)) return fail('no_change');
      }
      batch.push({ kind: 'supersede', target: entry.id, item: next });
      if (!IN_MOUTH_STATUSES.has(current.status) || current.code !== next.code) applyResults(batch, state, next, ctx);
      return batch.done();
    }
    case 'removeFinding': {
      const entry = entryById(state, action.findingId);
      if (!entry || entry.item.type !== 'finding') return fail('unknown_finding');
      batch.push({ kind: 'end', target: entry.id });
      return batch.done();
    }
    case 'setToothState': {
      if (!isToothId(action.tooth)) return fail('unknown_tooth');
      if (!TOOTH_STATES.includes(action.state)) return fail('unknown_state');
      if (toothStateEntry(state, action.tooth, action.state)) return fail('state_already_set');
      addState(batch, state, action.tooth, action.state, action.note);
      return batch.done();
    }
    case 'clearToothState': {
      if (!isToothId(action.tooth)) return fail('unknown_tooth');
      const entry = toothStateEntry(state, action.tooth, action.state);
      if (!entry) return fail('state_not_set');
      batch.push({ kind: 'end', target: entry.id });
      return batch.done();
    }
    case 'setDentition': {
      if (!action.teeth.every(isToothId)) return fail('unknown_tooth');
      const teeth = buildDentition(action.teeth);
      if (teeth.length === 0) return fail('empty_dentition');
      const item: ChartItem = { type: 'dentition', teeth };
      const existing = state.entries.find((e) => e.item.type === 'dentition');
      if (existing && existing.item.type === 'dentition') {
        if (existing.item.teeth.join(',') === teeth.join(',')) return fail('no_change');
        batch.push({ kind: 'supersede', target: existing.id, item });
      } else batch.push({ kind: 'add', item });
      return batch.done();
    }
    case 'voidEvent': {
      if (!action.reason.trim()) return fail('reason_required');
      const target = log.find((e) => e.id === action.eventId);
      if (!target) return fail('unknown_event');
      if (voidedEventIds(orderEvents(log)).has(target.id)) return fail('already_voided');
      batch.push({ kind: 'void', target: target.id, reason: action.reason.trim() });
      return batch.done();
    }
    case 'undo':
    case 'redo': {
      const stacks = undoStacks(log, ctx.by);
      const voided = voidedEventIds(orderEvents(log));
      const stack = action.type === 'undo' ? stacks.done : stacks.undone;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (voidBatch(batch, log, stack[i]!, action.type, voided)) return batch.done();
      }
      return fail(action.type === 'undo' ? 'nothing_to_undo' : 'nothing_to_redo');
    }
  }
}

/** Convenience for a caller holding the whole log: applies an action and returns the longer log (or the error). */
export function appendAction(log: readonly ChartEvent[], action: ChartAction, ctx: ActionContext): { ok: true; log: ChartEvent[]; events: ChartEvent[] } | { ok: false; error: ChartActionError } {
  const result = applyChartAction(log, action, ctx);
  return result.ok ? { ok: true, log: [...log, ...result.events], events: result.events } : result;
}

function anyLive(log: readonly ChartEvent[], batches: readonly string[]): boolean {
  const voided = voidedEventIds(orderEvents(log));
  const wanted = new Set(batches);
  return log.some((e) => wanted.has(e.batch) && !voided.has(e.id));
}

/** Whether undo would do something for this user (to enable the button or shortcut). */
export function canUndo(log: readonly ChartEvent[], by: string): boolean {
  return anyLive(log, undoStacks(log, by).done);
}

export function canRedo(log: readonly ChartEvent[], by: string): boolean {
  return anyLive(log, undoStacks(log, by).undone);
}
