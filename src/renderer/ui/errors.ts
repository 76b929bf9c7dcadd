import { AppError } from '../../shared/contract';
import { translateKey } from '../app/i18n';

/** Anything thrown by a call becomes an AppError; a bug in our own code reads as INTERNAL. */
export function toAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL');
}

/** The translated sentence for an error, with its parameters interpolated. */
export function errorMessage(error: unknown): string {
  const { code, messageKey, params } = toAppError(error).value;
  return translateKey(messageKey, params, `errors.${code}`);
}

/** Translated per-field messages of a VALIDATION (or field-bound CONFLICT) error, by dotted path. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!error) return {};
  const { fields = {}, fieldParams = {} } = toAppError(error).value;
  return Object.fromEntries(Object.entries(fields).map(([path, key]) => [path, translateKey(key, fieldParams[path], 'validation.invalid')]));
}

/**
 * The message to show above the form: none when every field error found its
 * field, so the same message is not said twice.
 */
export function formError(error: unknown, shownPaths: readonly string[]): string | null {
  if (!error) return null;
  const value = toAppError(error).value;
  const fields = Object.keys(value.fields ?? {});
  if (fields.length > 0 && fields.every((path) => shownPaths.includes(path))) return null;
  if (fields.length > 0 && value.code === 'VALIDATION') {
    const stray = fields.find((path) => !shownPaths.includes(path));
    return stray ? `${translateKey(value.messageKey)} ${translateKey(value.fields![stray]!, value.fieldParams?.[stray])}` : null;
  }
  return errorMessage(error);
}
