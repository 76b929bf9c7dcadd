/* Row types of the schedule (migration 0003), as stored. */

export interface ProviderHoursTable {
  id: string;
  provider_id: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** "HH:MM" local; end may be "24:00". */
  start_time: string;
  end_time: string;
  operatory_id: string | null;
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ProviderExceptionsTable {
  id: string;
  provider_id: string;
  /** off | extra */
  kind: string;
  start_date: string;
  end_date: string;
  start_time: string | null;
  end_time: string | null;
  note: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PracticeHolidaysTable {
  id: string;
  date: string;
  name: string;
  /** 1: closed; 0: open on a national holiday. */
  closed: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface BlockoutTypesTable {
  id: string;
  name: string;
  colour: string;
  forbids_booking: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface BlockoutsTable {
  id: string;
  type_id: string;
  operatory_id: string | null;
  provider_id: string | null;
  start_local: string;
  end_local: string;
  start_date: string;
  end_date: string;
  /** "1,2,3,4,5" or null. */
  weekdays: string | null;
  until_date: string | null;
  note: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AppointmentTypesTable {
  id: string;
  name: string;
  duration_min: number;
  colour: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AppointmentsTable {
  id: string;
  patient_id: string;
  provider_id: string;
  operatory_id: string;
  type_id: string | null;
  /** "YYYY-MM-DDTHH:MM", the practice's wall clock. */
  start_local: string;
  /** The date part of start_local, for the indexes. */
  start_date: string;
  duration_min: number;
  status: string;
  status_at: string;
  arrived_at: string | null;
  confirmation: string;
  notes: string;
  series_id: string | null;
  pinboard: number;
  rebook_state: string | null;
  rebooked_from_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface AppointmentStatusHistoryTable {
  id: string;
  appointment_id: string;
  status: string;
  reason: string | null;
  note: string;
  at: string;
  by_user_id: string | null;
}

export interface ReminderLogTable {
  id: string;
  appointment_id: string;
  patient_id: string;
  kind: string;
  channel: string;
  answer: string | null;
  language: string;
  at: string;
  by_user_id: string | null;
}

export interface WaitlistTable {
  id: string;
  patient_id: string;
  provider_id: string | null;
  type_id: string | null;
  duration_min: number | null;
  /** "1,3,5"; empty = any day. */
  weekdays: string;
  time_of_day: string;
  from_date: string | null;
  until_date: string | null;
  notes: string;
  removed_reason: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}
