import { AppError } from '../../shared/contract/errors';
import { IMPORT_BASE64_MAX_CHARS } from '../../shared/contract/limits';
import { TEXT_LIMITS } from '../../shared/contract/text';
import { DOCUMENT_BASE64_MAX_CHARS } from '../../shared/documents/kinds';

/**
 * Bounds every call's input must keep before its schema even looks at it:
 * no string longer than the call allows, no nesting deeper than any call
 * needs, no list longer than any screen sends, and no control character but
 * tab and line breaks (a NUL cuts a value short in other programs and in
 * logs). Each schema keeps its own, tighter limits; this is the floor that
 * holds for every entry, including the fields a schema leaves open.
 */
export const MAX_TEXT_CHARS = 100_000;
export const MAX_DEPTH = 12;
export const MAX_LIST_ITEMS = 10_000;

/** The calls that carry a whole file or catalogue in one field. */
const LONG_TEXT_CALLS: Readonly<Record<string, number>> = {
  'patients.import.preview': IMPORT_BASE64_MAX_CHARS,
  'patients.import.run': IMPORT_BASE64_MAX_CHARS,
  'chart.procedures.importCsv': TEXT_LIMITS.csv,
  'patients.setPhoto': 3_000_000,
  'fees.schedules.importCsv': TEXT_LIMITS.csv,
  'documents.attach': DOCUMENT_BASE64_MAX_CHARS,
  // A drawn signature, as a PNG in base64.
  'consent.sign': 400_000,
};

/** Search boxes: a stray control character pasted into one is read as a space (search-query.ts), not refused. */
const CONTROL_TOLERANT_CALLS = new Set(['patients.search']);

/** Tab, line feed and carriage return are text; every other C0 control and DEL is not. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/** Every field out of bounds, so the form can mark them all in one round. */
export function checkInputBounds(callName: string, input: unknown): AppError | null {
  const maxText = LONG_TEXT_CALLS[callName] ?? MAX_TEXT_CHARS;
  const refusesControls = !CONTROL_TOLERANT_CALLS.has(callName);
  const fields: Record<string, string> = {};
  const refuse = (path: string[], key: string) => void (fields[path.join('.') || '_'] ??= key);
  const walk = (value: unknown, path: string[], depth: number): void => {
    if (typeof value === 'string') {
      if (value.length > maxText) refuse(path, 'validation.tooLong');
      else if (refusesControls && hasControl(value)) refuse(path, 'validation.invisibleCharacters');
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth >= MAX_DEPTH) return refuse(path, 'validation.tooDeep');
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length > MAX_LIST_ITEMS) return refuse(path, 'validation.tooMany');
    for (const [key, child] of entries) {
      if (key.length > 200 || hasControl(key)) refuse(path, 'validation.invalid');
      else walk(child, [...path, key], depth + 1);
    }
  };
  walk(input, [], 0);
  return Object.keys(fields).length > 0 ? new AppError('VALIDATION', 'errors.VALIDATION', { fields }) : null;
}
