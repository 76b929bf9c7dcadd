import type { AppError } from '../../shared/contract/errors';

export function describeError(error: AppError): string {
  return `${error.code}: ${error.value.messageKey}`;
}
