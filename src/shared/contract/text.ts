import { z } from 'zod';

/**
 * How long each kind of text a person or a screen sends may be. Generous
 * for what a practice really writes, small enough that no field can carry a
 * file in disguise. The renderer's inputs read their field's limit from the
 * schema (`maxLengthAt`) as their `maxLength`, so a person cannot type past
 * the limit the contract keeps.
 */
export const TEXT_LIMITS = {
  /** A record's id: UUIDs (36) and the few readable ids ('default', 'demo-…'). */
  id: 64,
  /** A procedure, finding, alert or other short code. */
  code: 24,
  /** A person's name, a title, a label in a list. */
  name: 120,
  /** A one-line value a little longer than a name: an address, a subject, a file name. */
  line: 200,
  /** A search box. */
  search: 100,
  /** Why something was voided, refunded, dismissed: a sentence or two. */
  reason: 500,
  /** A note on an appointment, a posting, a contact. */
  note: 2_000,
  /** What a practice writes about a patient outside the chart (registry notes, history). */
  longNote: 4_000,
  /** A message template (reminders): a WhatsApp message, not a letter. */
  message: 1_000,
  /** One section of a clinical note, an addendum: pages of dictated text. */
  clinicalNote: 20_000,
  /** The body of a consent template: a few pages of legal text. */
  document: 20_000,
  /** A whole catalogue or fee schedule pasted as CSV. */
  csv: 2_000_000,
  /** Shaped values, checked for their shape first (so the person reads "enter a valid date", not "too long"). */
  localDate: 10,
  localTime: 5,
  localDateTime: 16,
  /** An ISO instant with milliseconds and an offset: "2026-03-04T14:05:00.000-03:00". */
  instant: 32,
} as const;

/**
 * Control characters (NUL, ESC, line breaks…) and bidi overrides have no place
 * in a name or an identifier: a NUL cuts the value short in other programs, and
 * an override makes it display as something else than it is.
 */
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** The same, but a text of several lines keeps its line breaks and tabs. */
const INVISIBLE_IN_LINES = /(?![\t\n\r])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/** Refuses control characters and bidi overrides in any one-line string schema. */
export const visibleLine = (schema: z.ZodString) => schema.refine((value) => !INVISIBLE.test(value), 'validation.invisibleCharacters');

/** Refuses control characters but tab and line breaks, and bidi overrides, in any string schema. */
export const visibleLines = (schema: z.ZodString) => schema.refine((value) => !INVISIBLE_IN_LINES.test(value), 'validation.invisibleCharacters');

/** A required one-line value, such as a name: trimmed, 1 to `max` characters, nothing invisible. */
export const singleLine = (max: number) => visibleLine(z.string().trim().min(1).max(max));

/** An optional one-line value, '' when absent. */
export const optionalSingleLine = (max: number) => visibleLine(z.string().trim().max(max)).default('');

/** A required text of one or more lines (a note, a template body): trimmed, 1 to `max` characters. */
export const multiLine = (max: number) => visibleLines(z.string().trim().min(1).max(max));

/** An optional text of several lines, '' when absent. */
export const optionalMultiLine = (max: number) => visibleLines(z.string().trim().max(max)).default('');

/** A record's id as a caller sends it: 1 to 64 visible characters. */
export const idSchema = visibleLine(z.string().min(1).max(TEXT_LIMITS.id));

/**
 * A map from keys to values with at most `max` entries. zod has no size
 * check for records, so the bound is a check of its own, written into the
 * JSON Schema as `maxProperties` so the contract's bounds test can read it.
 */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V, max: number) {
  return z
    .record(key, value)
    .superRefine((entries, ctx) => {
      if (Object.keys(entries).length > max) ctx.addIssue({ code: 'too_big', origin: 'record', maximum: max, inclusive: true, input: entries });
    })
    .meta({ maxProperties: max });
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; options?: z.ZodType[] };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The longest text a contract field takes, for the form's `maxLength`, so a
 * person cannot type past what the call accepts. `path` is dotted through
 * objects (`'address.street'`), `[]` steps into a list's items, and a union
 * is looked through for the first option that has the field. Throws on a
 * path the schema does not have: a form that names a field wrongly fails
 * when it loads, not silently.
 */
export function maxLengthAt(schema: z.ZodType, path: string): number | undefined {
  const find = (at: z.ZodType, keys: string[]): z.ZodType | null => {
    const def = defOf(at);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
        return find(def.innerType!, keys);
      case 'pipe':
        return find(def.in!, keys);
      case 'union':
        for (const option of def.options!) {
          const found = find(option, keys);
          if (found && defOf(found).type === 'string') return found;
        }
        return null;
      default:
        break;
    }
    if (keys.length === 0) return at;
    const [key, ...rest] = keys as [string, ...string[]];
    if (def.type === 'array' && key === '[]') return find(def.element!, rest);
    if (def.type === 'object' && Object.hasOwn(def.shape!, key)) return find(def.shape![key]!, rest);
    return null;
  };
  const leaf = find(schema, path.split('.'));
  if (!leaf || defOf(leaf).type !== 'string') throw new Error(`No text field at ${path}`);
  return (leaf as z.ZodString).maxLength ?? undefined;
}
