import { currentChart, orderEvents, voidedEventIds, type ChartEvent } from '../chart/events';

/**
 * When each procedure code was last completed, as the chart now stands: only
 * completions that still hold count. An undone or voided completion, a
 * completed finding later changed back or removed, no longer does. This is
 * what lets an undo move a recall back as well as a completion move it on.
 */
export function lastCompletions(log: readonly ChartEvent[]): Map<string, string> {
  const ordered = orderEvents(log);
  const voided = voidedEventIds(ordered);
  const standing = new Map(currentChart(ordered).entries.map((e) => [e.id, e]));
  const latest = new Map<string, string>();
  for (const e of ordered) {
    if (voided.has(e.id) || (e.kind !== 'add' && e.kind !== 'supersede')) continue;
    if (e.item.type !== 'finding' || e.item.status !== 'completed') continue;
    // A completion, or a procedure recorded as done; not a later edit of a note on a completed one.
    if (e.action !== 'completeFinding' && e.action !== 'recordFinding') continue;
    const entry = standing.get(e.kind === 'add' ? e.id : e.target);
    if (!entry || entry.item.type !== 'finding' || entry.item.status !== 'completed') continue;
    const code = e.item.code.trim().toUpperCase();
    const previous = latest.get(code);
    if (!previous || Date.parse(previous) < Date.parse(e.at)) latest.set(code, e.at);
  }
  return latest;
}
