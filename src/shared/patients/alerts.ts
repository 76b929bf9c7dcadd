/**
 * Structured medical alerts: what everyone who handles the patient must
 * notice (a latex allergy matters at the front desk too), shown as badges.
 * The full history behind them is clinical and needs `medical.read`.
 */
export const ALERT_CODES = [
  'allergy_penicillin',
  'allergy_latex',
  'allergy_local_anesthetic',
  'allergy_nsaid',
  'allergy_other',
  'anticoagulants',
  'bisphosphonates',
  'pregnancy',
  'diabetes',
  'heart_condition',
  'hypertension',
  'prophylaxis_required',
  'bleeding_disorder',
  'immunosuppressed',
  'epilepsy',
  'asthma',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

/** How loud a badge is: severe ones can harm the patient in the chair today. */
export const SEVERE_ALERTS: ReadonlySet<AlertCode> = new Set([
  'allergy_penicillin',
  'allergy_latex',
  'allergy_local_anesthetic',
  'anticoagulants',
  'bisphosphonates',
  'prophylaxis_required',
  'bleeding_disorder',
]);
