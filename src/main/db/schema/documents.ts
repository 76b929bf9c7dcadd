/* Row types of documents and imaging (migration 0014), as stored. */

export interface DocumentChunksTable {
  /** "<sha256>:<index>" */
  id: string;
  sha256: string;
  chunk_index: number;
  chunk_count: number;
  /** Base64 bytes of this chunk. */
  data: string;
}

export interface DocumentsTable {
  id: string;
  patient_id: string | null;
  sha256: string;
  mime: string;
  byte_size: number;
  chunk_count: number;
  file_name: string;
  taken_on: string;
  kind: string;
  /** JSON array of tooth ids. */
  teeth: string;
  width: number | null;
  height: number | null;
  thumbnail: string | null;
  thumbnail_mime: string | null;
  source: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface DocumentAnnotationsTable {
  id: string;
  document_id: string;
  patient_id: string | null;
  /** JSON AnnotationShape. */
  shape: string;
  /** The page it is drawn on, from 1 (an image has one page); migration 0018. */
  page: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  deleted_at: string | null;
}
