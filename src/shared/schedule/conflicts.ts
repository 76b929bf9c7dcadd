import type { Availability } from './availability';
import { covers, overlaps } from './intervals';
import { ACTIVE_STATUSES, type AppointmentStatus } from './status';
import { addDays, MINUTES_PER_DAY, timeToMinutes } from './time';

/**
 * Conflicts are shown, not swallowed: double-booking is sometimes
 * deliberate, so the practice chooses whether they warn (the default) or
 * block. A blockout that forbids booking blocks under either policy;
 * `override` lets a user book through a blocking conflict where the practice
 * allows it (see the service).
 *
 * Overlaps are compared as instants (local start + real minutes), so they
 * stay right on the nights the clocks change.
 */

export const CONFLICT_KINDS = [
  'provider_double_booked',
  'operatory_double_booked',
  'patient_double_booked',
  'outside_working_hours',
  'provider_off',
  'holiday',
  'blockout',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const CONFLICT_POLICIES = ['warn', 'block'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

export interface ScheduleConflict {
  kind: ConflictKind;
  /** The appointment concerned; null for one not yet saved. */
  appointmentId: string | null;
  /** For a booking of several (a series): which one, counting from 0. */
  occurrence: number | null;
  /** The other appointment of a double booking. */
  otherAppointmentId: string | null;
  blockoutId: string | null;
  /** A holiday's or a blockout type's name; null otherwise. */
  label: string | null;
  date: string;
  /** Does this conflict stop the booking unless overridden? */
  blocking: boolean;
}

/** The fields of an appointment the rules look at. */
export interface Booked {
  id: string;
  patientId: string;
  providerId: string;
  operatoryId: string;
  startLocal: string;
  durationMin: number;
  status: AppointmentStatus;
  pinboard?: boolean;
}

/** A booking being checked: an existing appointment moved, or a new one (id null). */
export interface Candidate {
  id: string | null;
  occurrence?: number | null;
  patientId: string;
  providerId: string;
  operatoryId: string;
  startLocal: string;
  durationMin: number;
}

/** Appointments that hold their time on the schedule: not cancelled, missed or on the pinboard. */
export function holdsTime(a: Pick<Booked, 'status' | 'pinboard'>): boolean {
  return ACTIVE_STATUSES.has(a.status) && !a.pinboard;
}

export function isBlocking(kind: ConflictKind, policy: ConflictPolicy, forbidsBooking = false): boolean {
  return policy === 'block' || (kind === 'blockout' && forbidsBooking);
}

function conflict(
  kind: ConflictKind,
  c: Pick<Candidate, 'id' | 'occurrence'>,
  date: string,
  policy: ConflictPolicy,
  extra: Partial<Pick<ScheduleConflict, 'otherAppointmentId' | 'blockoutId' | 'label'>> & { forbidsBooking?: boolean } = {},
): ScheduleConflict {
  return {
    kind,
    appointmentId: c.id,
    occurrence: c.occurrence ?? null,
    otherAppointmentId: extra.otherAppointmentId ?? null,
    blockoutId: extra.blockoutId ?? null,
    label: extra.label ?? null,
    date,
    blocking: isBlocking(kind, policy, extra.forbidsBooking),
  };
}

/**
 * The rule conflicts of one booking (hours, exceptions, holidays,
 * blockouts), without the double bookings.
 */
export function ruleConflicts(
  candidate: Candidate,
  availability: Availability,
  policy: ConflictPolicy,
  span: { startMs: number; endMs: number } = availability.calendar.span(candidate.startLocal, candidate.durationMin),
): ScheduleConflict[] {
  const out: ScheduleConflict[] = [];
  const date = candidate.startLocal.slice(0, 10);
  const calendar = availability.calendar;
  const { startMs, endMs } = span;

  const holiday = availability.holiday(date);
  if (holiday?.closed) {
    out.push(conflict('holiday', candidate, date, policy, { label: holiday.name }));
  } else if (!covers(availability.workingInstants(candidate.providerId, date), startMs, endMs)) {
    const startMin = timeToMinutes(candidate.startLocal.slice(11, 16));
    const endMin = startMin + candidate.durationMin;
    const off = availability
      .exceptionsOn(candidate.providerId, date)
      .find((e) => e.kind === 'off' && (!e.start || !e.end || (timeToMinutes(e.start) < endMin && startMin < timeToMinutes(e.end))));
    out.push(conflict(off ? 'provider_off' : 'outside_working_hours', candidate, date, policy, { label: off?.note || null }));
  }

  // Blockouts of this date, and of the next for a booking that runs past midnight.
  const day = calendar.day(date);
  const dates = endMs > day.utc(MINUTES_PER_DAY) ? [date, addDays(date, 1)] : [date];
  for (const d of dates) {
    const dayOf = calendar.day(d);
    for (const b of availability.blockoutsFor(d, candidate)) {
      if (overlaps(startMs, endMs, dayOf.utc(b.startMin), dayOf.utc(b.endMin))) {
        out.push(conflict('blockout', candidate, date, policy, { blockoutId: b.blockoutId, label: b.typeName, forbidsBooking: b.forbidsBooking }));
      }
    }
  }
  return out;
}

/**
 * Double bookings of one booking against the others that hold time: the same
 * provider, the same chair, or the same patient at overlapping times.
 */
export function overlapConflicts(candidate: Candidate, others: readonly Booked[], availability: Availability, policy: ConflictPolicy): ScheduleConflict[] {
  const out: ScheduleConflict[] = [];
  const calendar = availability.calendar;
  const date = candidate.startLocal.slice(0, 10);
  const { startMs, endMs } = calendar.span(candidate.startLocal, candidate.durationMin);
  for (const other of others) {
    if (other.id === candidate.id || !holdsTime(other)) continue;
    const span = calendar.span(other.startLocal, other.durationMin);
    if (!overlaps(startMs, endMs, span.startMs, span.endMs)) continue;
    const extra = { otherAppointmentId: other.id };
    if (other.providerId === candidate.providerId) out.push(conflict('provider_double_booked', candidate, date, policy, extra));
    if (other.operatoryId === candidate.operatoryId) out.push(conflict('operatory_double_booked', candidate, date, policy, extra));
    if (other.patientId === candidate.patientId) out.push(conflict('patient_double_booked', candidate, date, policy, extra));
  }
  return out;
}

export function candidateConflicts(candidate: Candidate, others: readonly Booked[], availability: Availability, policy: ConflictPolicy): ScheduleConflict[] {
  return [...overlapConflicts(candidate, others, availability, policy), ...ruleConflicts(candidate, availability, policy)];
}

/**
 * Every conflict among a set of appointments (a day, a week), each double
 * booking reported once, on the appointment that starts later (or, at the
 * same time, the one with the greater id), naming the other. A sweep over
 * start times keeps it O(n log n + overlaps).
 */
export function setConflicts(appointments: readonly Booked[], availability: Availability, policy: ConflictPolicy): ScheduleConflict[] {
  const calendar = availability.calendar;
  const live = appointments
    .filter(holdsTime)
    .map((a) => ({ a, ...calendar.span(a.startLocal, a.durationMin) }))
    .sort((x, y) => x.startMs - y.startMs || (x.a.id < y.a.id ? -1 : 1));
  const out: ScheduleConflict[] = [];
  const open: typeof live = [];
  for (const current of live) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.endMs <= current.startMs) open.splice(i, 1);
    const c: Candidate = { ...current.a, occurrence: null };
    const date = current.a.startLocal.slice(0, 10);
    for (const earlier of open) {
      if (!overlaps(current.startMs, current.endMs, earlier.startMs, earlier.endMs)) continue;
      const extra = { otherAppointmentId: earlier.a.id };
      if (earlier.a.providerId === c.providerId) out.push(conflict('provider_double_booked', c, date, policy, extra));
      if (earlier.a.operatoryId === c.operatoryId) out.push(conflict('operatory_double_booked', c, date, policy, extra));
      if (earlier.a.patientId === c.patientId) out.push(conflict('patient_double_booked', c, date, policy, extra));
    }
    open.push(current);
    const rules = ruleConflicts(c, availability, policy, current);
    if (rules.length) out.push(...rules);
  }
  return out;
}
