import type { EventPayload } from '../../shared/contract/events';
import type { CommittedChange } from '../store/store';
import { CLINICAL_PREFERENCES_ID } from '../practice/practice-repository';
import { CHAIRSIDE_SETTINGS_ID } from './chairside-settings';

type Area = EventPayload<'chairside.changed'>['areas'][number];

const AREA_BY_TABLE: Readonly<Record<string, Area>> = {
  chart_events: 'chart',
  perio_exams: 'perio',
  staging_confirmations: 'staging',
  clinical_notes: 'notes',
  clinical_note_versions: 'notes',
  clinical_note_addenda: 'notes',
  procedures: 'catalog',
  note_templates: 'templates',
};

/** Settings rows the chairside views draw with: their own, and the clinical preferences (numbering, alerts). */
const SETTINGS_ROWS = new Set([CHAIRSIDE_SETTINGS_ID, CLINICAL_PREFERENCES_ID]);

/**
 * What a committed write changed on the chairside, for the `chairside.changed`
 * event: the patients whose records changed and which areas; null when it
 * touched none. Every chairside write names its patient in the change (the
 * services repeat patient_id in updates for this).
 */
export function chairsideTouched(changes: readonly CommittedChange[]): EventPayload<'chairside.changed'> | null {
  const patientIds = new Set<string>();
  const areas = new Set<Area>();
  for (const change of changes) {
    const area = change.table === 'settings' ? (SETTINGS_ROWS.has(change.rowId) ? 'settings' : undefined) : AREA_BY_TABLE[change.table];
    if (!area) continue;
    areas.add(area);
    const patientId = change.fields.patient_id;
    if (typeof patientId === 'string') patientIds.add(patientId);
  }
  return areas.size ? { patientIds: [...patientIds].slice(0, 1000), areas: [...areas] } : null;
}
