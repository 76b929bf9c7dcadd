import type { AlertCode } from '../../shared/patients/alerts';
import { ALERT_CODES, SEVERE_ALERTS } from '../../shared/patients/alerts';

export interface PatientNameParts {
  givenNames: string;
  firstSurname: string;
  secondSurname: string;
  preferredName?: string;
}

/**
 * The name as the front desk says it, in Hispanic order: given names, the
 * preferred name in quotes when there is one, then both surnames.
 * "María José “Majo” González Muñoz".
 */
export function patientName(p: PatientNameParts): string {
  const preferred = p.preferredName?.trim();
  const quoted = preferred && preferred !== p.givenNames ? `“${preferred}”` : '';
  return [p.givenNames, quoted, p.firstSurname, p.secondSurname].filter(Boolean).join(' ');
}

/** The name without the preferred one, for sentences ("Se registró a …"). */
export function legalName(p: PatientNameParts): string {
  return [p.givenNames, p.firstSurname, p.secondSurname].filter(Boolean).join(' ');
}

export function initialsOf(p: PatientNameParts): string {
  return [p.givenNames, p.firstSurname]
    .map((part) => part.trim()[0] ?? '')
    .join('')
    .toUpperCase();
}

/** Severe alerts first (they can harm the patient in the chair today), then the catalog's order. */
export function sortAlerts(alerts: readonly AlertCode[]): AlertCode[] {
  const rank = (code: AlertCode) => (SEVERE_ALERTS.has(code) ? 0 : 1) * 100 + ALERT_CODES.indexOf(code);
  return [...new Set(alerts)].sort((a, b) => rank(a) - rank(b));
}
