import type { Appointment, DayView } from '../../shared/contract/schedule';
import { timeToMinutes } from '../../shared/schedule/time';
import { localMinutes } from './format';
import type { GridBlock, GridColumn, GridItem } from './ScheduleGrid';

type Interval = readonly [number, number];

const toMin = (t: string) => timeToMinutes(t);

/** The ids of appointments that take part in a conflict. */
export function conflictIds(conflicts: readonly { appointmentId: string | null; otherAppointmentId: string | null }[]): Set<string> {
  const ids = new Set<string>();
  for (const c of conflicts) {
    if (c.appointmentId) ids.add(c.appointmentId);
    if (c.otherAppointmentId) ids.add(c.otherAppointmentId);
  }
  return ids;
}

export function toItem(a: Appointment, column: string, conflicted: Set<string>): GridItem {
  const start = localMinutes(a.startLocal);
  // Runs past midnight: drawn to the end of the day.
  const end = a.endLocal.slice(0, 10) === a.startLocal.slice(0, 10) ? localMinutes(a.endLocal) : 1440;
  return { appointment: a, column, start, end: Math.max(end, start + 5), conflict: conflicted.has(a.id) };
}

/** Columns (chairs) and cards of a day view: open hours are those of the providers who work in that chair (or anywhere). */
export function dayModel(day: DayView, language: string): { columns: GridColumn[]; items: GridItem[] } {
  const providersById = new Map(day.providers.map((p) => [p.id, p]));
  const hours = new Map(day.workingHours.map((h) => [h.providerId, h.intervals.map((i): Interval => [toMin(i.start), toMin(i.end)])]));
  const columns: GridColumn[] = day.operatories.map((op) => {
    const open: Interval[] = [];
    const names: string[] = [];
    for (const [providerId, intervals] of hours) {
      const provider = providersById.get(providerId);
      if (!provider || intervals.length === 0) continue;
      if (provider.defaultOperatoryId === null || provider.defaultOperatoryId === op.id) {
        open.push(...intervals);
        if (provider.defaultOperatoryId === op.id) names.push(provider.displayName);
      }
    }
    const blocks: GridBlock[] = day.blockouts
      .filter((b) => b.operatoryId === null || b.operatoryId === op.id)
      .map((b) => ({ start: toMin(b.start), end: toMin(b.end), label: b.typeName, colour: b.colour, forbids: b.forbidsBooking }));
    return { key: op.id, label: op.name, sub: names.join(', ') || undefined, open, blocks };
  });
  void language;
  const conflicted = conflictIds(day.conflicts);
  const items = day.appointments.filter((a) => !a.pinboard && a.status !== 'cancelled' && a.status !== 'no_show').map((a) => toItem(a, a.operatoryId, conflicted));
  return { columns, items };
}
