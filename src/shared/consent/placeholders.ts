import type { Language } from '../i18n/languages';
import { fold } from '../text/fold';

/** The procedure types we write templates for; a practice may add its own. */
export const CONSENT_PROCEDURE_TYPES = ['extraction', 'endodontics', 'implant', 'general'] as const;
export type ConsentProcedureType = (typeof CONSENT_PROCEDURE_TYPES)[number];

export const CONSENT_VARIABLES = ['patient', 'document', 'procedure', 'date', 'provider', 'practice'] as const;
export type ConsentVariable = (typeof CONSENT_VARIABLES)[number];

/** Each placeholder as written in a template of each language; either set works in any template. */
export const CONSENT_VARIABLE_NAMES: Readonly<Record<Language, Readonly<Record<ConsentVariable, string>>>> = {
  es: { patient: 'paciente', document: 'rut', procedure: 'procedimiento', date: 'fecha', provider: 'profesional', practice: 'consulta' },
  en: { patient: 'patient', document: 'id', procedure: 'procedure', date: 'date', provider: 'provider', practice: 'practice' },
};

const BY_NAME = new Map<string, ConsentVariable>();
for (const names of Object.values(CONSENT_VARIABLE_NAMES)) for (const [variable, name] of Object.entries(names)) BY_NAME.set(name, variable as ConsentVariable);
BY_NAME.set('documento', 'document');
BY_NAME.set('rut', 'document');

export type ConsentValues = Record<ConsentVariable, string>;

/** Fills {paciente}, {rut}, {procedimiento}, {fecha}… (accents and capitals ignored); unknown ones stay as written. */
export function fillConsent(template: string, values: ConsentValues): string {
  return template.replace(/\{([^{}\n]{1,40})\}/g, (whole, raw: string) => {
    const variable = BY_NAME.get(fold(raw.trim()).replace(/\s+/g, '_'));
    return variable ? values[variable] : whole;
  });
}
