import { z } from 'zod';

/**
 * Errors cross the process boundary as plain values so the renderer can show a
 * translated, specific message. `messageKey` is a key in the i18n catalogs.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'NOT_SET_UP',
  'ALREADY_SET_UP',
  'DATABASE_CLOSED',
  'WRONG_PASSPHRASE',
  'WRONG_PASSWORD',
  'TOO_MANY_ATTEMPTS',
  'DATABASE_NEWER',
  'DATABASE_CORRUPT',
  'KEY_UNAVAILABLE',
  'CONFLICT',
  'NOT_FOUND',
  'UNKNOWN_CALL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const appErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  messageKey: z.string(),
  /** Per-field message keys for VALIDATION, keyed by dotted path. */
  fields: z.record(z.string(), z.string()).optional(),
  /** Values interpolated into a field's message, by the same path: e.g. the `max` of `validation.tooLongMax`. */
  fieldParams: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.number()]))).optional(),
  /** Values interpolated into the message, e.g. `{ permission: 'clinical.read' }`. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type AppErrorValue = z.infer<typeof appErrorSchema>;

/** Thrown inside main and the renderer client; serialised as an AppErrorValue. */
export class AppError extends Error {
  readonly value: AppErrorValue;
  constructor(code: ErrorCode, messageKey?: string, extra: Pick<AppErrorValue, 'fields' | 'fieldParams' | 'params'> = {}) {
    const key = messageKey ?? `errors.${code}`;
    super(`${code}: ${key}`);
    this.name = 'AppError';
    this.value = { code, messageKey: key, ...extra };
  }
  get code(): ErrorCode {
    return this.value.code;
  }
  static from(value: AppErrorValue): AppError {
    return new AppError(value.code, value.messageKey, { fields: value.fields, fieldParams: value.fieldParams, params: value.params });
  }
}

/** The result every transport carries: a value or a typed error, never a thrown string. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorValue };

/**
 * Turns zod issues into per-field i18n keys. Schemas may carry their own key
 * as the issue message (anything starting with "validation."); otherwise the
 * key is derived from the issue code.
 */
export function validationError(issues: readonly z.core.$ZodIssue[]): AppError {
  const fields: Record<string, string> = {};
  const fieldParams: Record<string, Record<string, number>> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (fields[path]) continue;
    fields[path] = issueKey(issue);
    const params = issueParams(issue);
    if (params) fieldParams[path] = params;
  }
  return new AppError('VALIDATION', 'errors.VALIDATION', Object.keys(fieldParams).length > 0 ? { fields, fieldParams } : { fields });
}

/** Texts are too long and lists, sets and maps have too many: both say the limit. */
const COUNTED_ORIGINS = new Set(['array', 'set', 'record']);

function issueParams(issue: z.core.$ZodIssue): Record<string, number> | null {
  if (issue.code !== 'too_big' || (issue.origin !== 'string' && !COUNTED_ORIGINS.has(issue.origin))) return null;
  return { max: Number(issue.maximum) };
}

function issueKey(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('validation.')) return issue.message;
  switch (issue.code) {
    case 'too_small':
      return issue.minimum === 1 && issue.origin === 'string' ? 'validation.required' : 'validation.tooShort';
    case 'too_big':
      // A number too big keeps the plain word: its limit reads better in the field's own hint.
      if (issue.origin === 'string') return 'validation.tooLongMax';
      return COUNTED_ORIGINS.has(issue.origin) ? 'validation.tooManyMax' : 'validation.tooLong';
    case 'invalid_format':
      return issue.format === 'email' ? 'validation.email' : 'validation.format';
    case 'invalid_value':
      return 'validation.choice';
    default:
      return 'validation.invalid';
  }
}
