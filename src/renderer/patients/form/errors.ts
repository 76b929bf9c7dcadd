import { toAppError, errorMessage, fieldErrors } from '../../ui/errors';
import type { PatientFormState } from './form-state';

/** Where main's paths land when the form shows the message on a neighbouring control. */
const ALIASES: Record<string, string> = {
  document: 'document.number',
  'document.type': 'document.number',
  'guarantor.document': 'guarantor.document.number',
  'guarantor.document.type': 'guarantor.document.number',
  'guarantor.kind': 'guarantor',
  'coverage.kind': 'coverage',
  address: 'address.street',
  emergencyContact: 'emergencyContact.name',
};

/**
 * Main's field errors for the patient form, keyed by the form's own paths:
 * the "draft." prefix dropped, phones renumbered to the rows on screen (empty
 * rows are not sent), and a taken document put beside the document number.
 */
export function patientFormErrors(error: unknown, phoneRows: readonly number[]): Record<string, string> {
  if (!error) return {};
  const errors: Record<string, string> = {};
  for (const [rawPath, message] of Object.entries(fieldErrors(error))) {
    let path = rawPath.replace(/^draft\./, '');
    path = path.replace(/^phones\.(\d+)/, (_, i: string) => `phones.${phoneRows[Number(i)] ?? i}`);
    path = ALIASES[path] ?? path;
    errors[path] ??= message;
  }
  const value = toAppError(error).value;
  if (value.messageKey === 'errors.DOCUMENT_TAKEN') {
    // Whatever path main used, the message (naming the other patient) belongs beside the number.
    for (const key of Object.keys(errors)) if (key.startsWith('document')) delete errors[key];
    errors['document.number'] = errorMessage(error);
  }
  return errors;
}

/** The paths the form currently shows a control for; anything else is said above the buttons. */
export function shownPaths(state: PatientFormState, create: boolean): Set<string> {
  const paths = [
    'givenNames',
    'firstSurname',
    'secondSurname',
    'preferredName',
    'document.number',
    'birthDate',
    'sex',
    'gender',
    'phones',
    'email',
    'address.street',
    'address.district',
    'address.city',
    'address.region',
    'address.postalCode',
    'emergencyContact.name',
    'emergencyContact.phone',
    'emergencyContact.relationship',
    'guarantor',
    'referralSource',
    'notes',
  ];
  state.phones.forEach((_, i) => paths.push(`phones.${i}.number`, `phones.${i}.kind`));
  if (state.guarantorKind === 'patient') paths.push('guarantor.patientId', 'guarantor.relationship');
  if (state.guarantorKind === 'person') paths.push('guarantor.name', 'guarantor.document.number', 'guarantor.phone', 'guarantor.relationship');
  if (state.coverageKind === 'fonasa') paths.push('coverage.tramo');
  if (state.coverageKind === 'isapre') paths.push('coverage.isapre', 'coverage.planNumber');
  if (state.coverageKind === 'insurer') paths.push('coverage.carrier', 'coverage.subscriberId', 'coverage.subscriberName');
  paths.push('coverage');
  if (create) paths.push('alerts');
  return new Set(paths);
}
