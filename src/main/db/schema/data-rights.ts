/* Row types of data requests (migration 0017), as stored. */

/** One access or erasure request and its decision (migration 0017); append-only. */
export interface DataRequestsTable {
  id: string;
  patient_id: string;
  kind: 'access' | 'erasure';
  requested_by: 'patient' | 'representative' | 'other';
  requested_at: string;
  recorded_by: string | null;
  decision: 'fulfilled' | 'refused' | 'anonymised';
  format: 'fhir' | 'pdf' | null;
  last_attention: string | null;
  retain_until: string | null;
  retention_years: number | null;
  /** JSON counts of what was exported, removed or kept. */
  details: string;
}
