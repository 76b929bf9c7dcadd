import type { EventPayload } from '../../shared/contract/events';
import type { CommittedChange } from '../store/store';

const TABLES = new Set(['documents', 'document_annotations']);

/**
 * What a committed write changed among documents, for `documents.changed`:
 * the patients named, and whether the unfiled inbox may have changed (a row
 * with no patient); null when it touched none. Document writes repeat
 * patient_id in their updates for this.
 */
export function documentsTouched(changes: readonly CommittedChange[]): EventPayload<'documents.changed'> | null {
  const patientIds = new Set<string>();
  let touched = false;
  let inbox = false;
  for (const change of changes) {
    if (!TABLES.has(change.table)) continue;
    touched = true;
    const patientId = change.fields.patient_id;
    if (typeof patientId === 'string') patientIds.add(patientId);
    else inbox = true;
    // An assignment from the inbox names its new patient; the inbox changed too.
    if (change.table === 'documents' && change.op === 'update' && 'patient_id' in change.fields) inbox = true;
  }
  return touched ? { patientIds: [...patientIds].slice(0, 1000), inbox } : null;
}
