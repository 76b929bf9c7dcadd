/**
 * Size limits that several layers must agree on: the import reader, the
 * contract that carries the file, and the transport that carries the call.
 * Each is derived from the one below it, so a file the reader accepts always
 * fits the call, and the call always fits the request body.
 */

/** The largest spreadsheet a patient import reads (decoded bytes). */
export const IMPORT_FILE_MAX_BYTES = 22 * 1024 * 1024;

/** The same file as base64 in the contract: 4 characters per 3 bytes, rounded up. */
export const IMPORT_BASE64_MAX_CHARS = Math.ceil(IMPORT_FILE_MAX_BYTES / 3) * 4;

/** One call's request body on the browser host: the largest import plus room for its mapping and JSON. */
export const REQUEST_BODY_MAX_BYTES = 32 * 1024 * 1024;
