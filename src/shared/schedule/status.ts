/**
 * The appointment's status workflow:
 *
 *   scheduled → confirmed → arrived → seated → completed
 *        \__________\__________\→ cancelled (with a reason)
 *         \__________\→ no_show
 *
 * Forward steps may skip (a walk-in goes straight to the chair; a patient who
 * has just arrived may be seen and checked out without a "seated" step), a
 * mistaken step can be taken back one place (check-in undone), and the three
 * endings (completed, cancelled, no_show) are final: they are kept and
 * counted, and a cancelled or missed visit is rebooked as a new appointment.
 * Every change is a fact with who set it and when (appointment_status_history).
 */

export const APPOINTMENT_STATUSES = ['scheduled', 'confirmed', 'arrived', 'seated', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<AppointmentStatus> = new Set(['completed', 'cancelled', 'no_show']);
/** Statuses that hold their time on the schedule (the others free it). */
export const ACTIVE_STATUSES: ReadonlySet<AppointmentStatus> = new Set(['scheduled', 'confirmed', 'arrived', 'seated', 'completed']);
/** Statuses that mean the patient is in the building. */
export const IN_OFFICE_STATUSES: ReadonlySet<AppointmentStatus> = new Set(['arrived', 'seated']);

export const CANCEL_REASONS = ['patient_request', 'patient_illness', 'practice_request', 'provider_unavailable', 'emergency', 'weather', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

const ALLOWED: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  scheduled: ['confirmed', 'arrived', 'seated', 'cancelled', 'no_show'],
  // Back to scheduled: the confirmation was recorded on the wrong appointment.
  confirmed: ['scheduled', 'arrived', 'seated', 'cancelled', 'no_show'],
  // Back to confirmed: the check-in was a mistake. Cancelled: the patient left before being seen.
  arrived: ['confirmed', 'seated', 'completed', 'cancelled'],
  seated: ['arrived', 'completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses that only make sense once the appointment's day has come. */
const NOT_BEFORE_THE_DAY: ReadonlySet<AppointmentStatus> = new Set(['arrived', 'seated', 'completed', 'no_show']);

export type TransitionCheck =
  | { ok: true }
  | {
      ok: false;
      /** An i18n key under errors. */
      messageKey: 'errors.STATUS_TRANSITION' | 'errors.STATUS_FINAL' | 'errors.STATUS_SAME' | 'errors.STATUS_TOO_EARLY' | 'errors.CANCEL_REASON_REQUIRED';
    };

export function allowedNextStatuses(from: AppointmentStatus): readonly AppointmentStatus[] {
  return ALLOWED[from];
}

export interface TransitionInput {
  from: AppointmentStatus;
  to: AppointmentStatus;
  /** The appointment's local date and today's, in the practice's zone. */
  appointmentDate: string;
  today: string;
  reason?: CancelReason | null;
}

export function checkTransition(input: TransitionInput): TransitionCheck {
  const { from, to } = input;
  if (from === to) return { ok: false, messageKey: 'errors.STATUS_SAME' };
  if (FINAL_STATUSES.has(from)) return { ok: false, messageKey: 'errors.STATUS_FINAL' };
  if (!ALLOWED[from].includes(to)) return { ok: false, messageKey: 'errors.STATUS_TRANSITION' };
  if (NOT_BEFORE_THE_DAY.has(to) && input.appointmentDate > input.today) return { ok: false, messageKey: 'errors.STATUS_TOO_EARLY' };
  if (to === 'cancelled' && !input.reason) return { ok: false, messageKey: 'errors.CANCEL_REASON_REQUIRED' };
  return { ok: true };
}

/** Cancelled and missed appointments wait on the unscheduled list until rebooked or dismissed. */
export function goesToUnscheduledList(status: AppointmentStatus): boolean {
  return status === 'cancelled' || status === 'no_show';
}
