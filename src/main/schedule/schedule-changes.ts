import type { CommittedChange } from '../store/store';

const SCHEDULE_TABLES = new Set([
  'appointments',
  'appointment_status_history',
  'appointment_types',
  'blockouts',
  'blockout_types',
  'operatories',
  'providers',
  'provider_hours',
  'provider_exceptions',
  'practice_holidays',
  'waitlist',
  'sync_conflicts',
]);

/** Whether changes applied from the hub touch what the schedule shows (a conflict may flag an overlap on it). */
export function scheduleTouched(changes: readonly CommittedChange[]): boolean {
  return changes.some((change) => SCHEDULE_TABLES.has(change.table));
}
