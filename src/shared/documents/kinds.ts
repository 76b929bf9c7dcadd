import { REQUEST_BODY_MAX_BYTES } from '../contract/limits';

/*
 * What a patient document is: its type (what the practice files it as), the
 * file formats accepted, and the size limits every layer agrees on.
 */

export const DOCUMENT_KINDS = ['radiograph', 'intraoral_photo', 'letter', 'id', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Kinds that are part of the clinical record: seeing them needs clinical.read, voiding them clinical.write. */
export const CLINICAL_KINDS: readonly DocumentKind[] = ['radiograph', 'intraoral_photo'];
export const isClinicalKind = (kind: string): boolean => (CLINICAL_KINDS as readonly string[]).includes(kind);

export const DOCUMENT_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type DocumentMime = (typeof DOCUMENT_MIMES)[number];
export const isImageMime = (mime: string): boolean => mime === 'image/jpeg' || mime === 'image/png';

/** The largest file attached (decoded bytes): a full-mouth series or a CBCT slice export fits, a video does not. */
export const DOCUMENT_MAX_BYTES = 15 * 1024 * 1024;
export const DOCUMENT_MAX_MB = DOCUMENT_MAX_BYTES / 1024 / 1024;
/** The same file as base64 in the contract: 4 characters per 3 bytes, rounded up. */
export const DOCUMENT_BASE64_MAX_CHARS = Math.ceil(DOCUMENT_MAX_BYTES / 3) * 4;
/** A thumbnail as base64 (a ~240 px JPEG is 10-30 kB). */
export const THUMBNAIL_BASE64_MAX_CHARS = 400_000;
/** The most pages an annotation can name: far past any letter or scanned referral. */
export const ANNOTATION_PAGE_MAX = 10_000;
/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX_PX = 240;

/**
 * Stored files are cut into chunks of this size, each one sync fact: a 5 MB
 * radiograph is 10 envelopes of ~0.7 MB sealed, far under the envelope's
 * 4 MB ceiling and the hub's 16 MB body limit, and a repeat is a no-op.
 */
export const CHUNK_BYTES = 512 * 1024;

// The largest upload must fit one request body of the browser host, with room for the JSON around it.
if (DOCUMENT_BASE64_MAX_CHARS + THUMBNAIL_BASE64_MAX_CHARS + 64 * 1024 > REQUEST_BODY_MAX_BYTES) {
  throw new Error('DOCUMENT_MAX_BYTES does not fit the request body limit');
}
