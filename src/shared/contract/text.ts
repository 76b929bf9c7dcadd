import { z } from 'zod';

/**
 * Control characters (NUL, ESC, line breaks…) and bidi overrides have no place
 * in a name or an identifier: a NUL cuts the value short in other programs, and
 * an override makes it display as something else than it is.
 */
const INVISIBLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

const visible = (schema: z.ZodString) => schema.refine((value) => !INVISIBLE.test(value), 'validation.invisibleCharacters');

/** A required one-line value, such as a name: trimmed, 1 to `max` characters, nothing invisible. */
export const singleLine = (max: number) => visible(z.string().trim().min(1).max(max));

/** An optional one-line value, '' when absent. */
export const optionalSingleLine = (max: number) => visible(z.string().trim().max(max)).default('');
