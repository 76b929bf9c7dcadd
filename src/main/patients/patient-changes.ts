import type { CommittedChange } from '../store/store';

const PATIENT_TABLES = new Set(['patients', 'patient_medical_history', 'patient_photos', 'patient_merges']);

/**
 * Which patients a committed write touched, for the `patients.changed` event;
 * null when it touched none. A row whose patient cannot be told from the
 * change (a photo replaced in place) yields the empty list: "some patient".
 */
export function patientsTouched(changes: readonly CommittedChange[]): string[] | null {
  const ids = new Set<string>();
  let touched = false;
  for (const change of changes) {
    if (!PATIENT_TABLES.has(change.table)) continue;
    touched = true;
    if (change.table === 'patients') ids.add(change.rowId);
    for (const key of ['patient_id', 'survivor_id', 'duplicate_id']) {
      const value = change.fields[key];
      if (typeof value === 'string') ids.add(value);
    }
  }
  return touched ? [...ids] : null;
}
