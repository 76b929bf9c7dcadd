/* Row types of chairside (migration 0004), as stored. */

/** One event of a patient's chart (shared/chart/events.ts); append-only. */
export interface ChartEventsTable {
  id: string;
  patient_id: string;
  at: string;
  by_user_id: string | null;
  batch_id: string;
  action: string;
  /** add | supersede | end | void */
  kind: string;
  target_id: string | null;
  /** JSON ChartItem for add and supersede. */
  item: string | null;
  reason: string | null;
}

export interface ProceduresTable {
  /** "procedure:" + the code in upper case. */
  id: string;
  code: string;
  name_es: string;
  name_en: string;
  kind: string;
  category: string;
  area: string;
  surfaces_required: number;
  surface_count: number | null;
  teeth: string | null;
  results_in: string | null;
  fee_minor: number | null;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface PerioExamsTable {
  id: string;
  patient_id: string;
  exam_date: string;
  /** draft | signed (signed rows refuse updates) */
  status: string;
  examiner_id: string | null;
  /** JSON arrays of tooth ids. */
  teeth: string;
  missing: string;
  /** Compact JSON of the readings (chairside/perio/perio-codec.ts). */
  readings: string;
  revision: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  signed_at: string | null;
  signed_by: string | null;
  deleted_at: string | null;
}

export interface StagingConfirmationsTable {
  id: string;
  patient_id: string;
  exam_id: string;
  stage: string;
  grade: string;
  extent: string;
  overridden: number;
  suggestion: string;
  inputs: string;
  note: string;
  confirmed_by: string | null;
  confirmed_at: string;
}

export interface NoteTemplatesTable {
  id: string;
  name: string;
  language: string;
  /** JSON [{ key, heading, placeholder }] */
  sections: string;
  is_default: number;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface ClinicalNotesTable {
  id: string;
  patient_id: string;
  appointment_id: string | null;
  visit_date: string;
  template_id: string | null;
  title: string;
  /** draft | signed (signed rows refuse updates) */
  status: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  signed_at: string | null;
  signed_by: string | null;
  signed_version_id: string | null;
  deleted_at: string | null;
}

export interface ClinicalNoteVersionsTable {
  id: string;
  note_id: string;
  patient_id: string;
  /** JSON array of version ids. */
  parent_ids: string;
  /** JSON { sections: [{ key, heading, text }] } */
  content: string;
  /** JSON { teeth, findingIds, chartEventIds } */
  links: string;
  author_id: string | null;
  saved_at: string;
}

export interface ClinicalNoteAddendaTable {
  id: string;
  note_id: string;
  patient_id: string;
  text: string;
  signed_by: string | null;
  signed_at: string;
}
