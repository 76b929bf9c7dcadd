import { v5 as uuidv5 } from 'uuid';
import { toFdi } from '../../../shared/chart/teeth';

/*
 * What every mapper shares: a loose resource type (the R4 JSON schema checks
 * the shape in the tests), references as urn:uuid (ids are UUIDv7, so the
 * bundle needs no server), ids derived for resources we split out of one row,
 * and the oral-site codings FHIR ships for FDI teeth and surfaces.
 */

export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

/** Our own code systems, namespaced under the product's site so they cannot collide. */
export const SYSTEMS = {
  run: 'http://regcivil.cl/Validacion/RUN',
  document: 'https://consultadental.cl/fhir/identifier/document',
  patientId: 'https://consultadental.cl/fhir/identifier/patient',
  procedure: 'https://consultadental.cl/fhir/CodeSystem/procedure',
  toothState: 'https://consultadental.cl/fhir/CodeSystem/tooth-state',
  alert: 'https://consultadental.cl/fhir/CodeSystem/medical-alert',
  perio: 'https://consultadental.cl/fhir/CodeSystem/perio',
  noteType: 'https://consultadental.cl/fhir/CodeSystem/note',
  area: 'https://consultadental.cl/fhir/CodeSystem/treatment-area',
  /** FHIR's oral-site codes (FDI two-digit teeth, "0" the whole mouth). */
  tooth: 'http://terminology.hl7.org/CodeSystem/ex-tooth',
  surface: 'http://terminology.hl7.org/CodeSystem/FDI-surface',
  ucum: 'http://unitsofmeasure.org',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  v20203: 'http://terminology.hl7.org/CodeSystem/v2-0203',
} as const;

/** A fixed namespace for the ids of resources split out of one stored row. */
const NAMESPACE = '6f2b4d9e-3c1a-5b7e-9f0d-2a4c6e8b1d3f';
export const derivedId = (...parts: string[]): string => uuidv5(parts.join('|'), NAMESPACE);

export const ref = (id: string, display?: string) => ({ reference: `urn:uuid:${id}`, ...(display ? { display } : {}) });

export function coding(system: string, code: string, display?: string) {
  return { system, code, ...(display ? { display } : {}) };
}

/** A tooth as FHIR's FDI oral-site coding; supernumeraries (no FDI code) as text only. */
export function toothSite(tooth: string) {
  const fdi = toFdi(tooth);
  return fdi === null ? { text: `tooth ${tooth}` } : { coding: [coding(SYSTEMS.tooth, String(fdi))], text: String(fdi) };
}

/** Our surfaces to FDI-surface letters: facial (F) is vestibular (V); class V (B5/F5) is cervical on B/V. */
const SURFACE_CODE: Record<string, string> = { M: 'M', O: 'O', I: 'I', D: 'D', B: 'B', F: 'V', L: 'L', B5: 'B', F5: 'V' };

export function surfaceSite(surfaces: readonly string[]) {
  const codes = [...new Set(surfaces.map((s) => SURFACE_CODE[s] ?? s))];
  return { coding: codes.map((c) => coding(SYSTEMS.surface, c)), text: surfaces.join('') };
}

/** A FHIR dateTime from a stored instant (always UTC here). */
export const instant = (iso: string): string => new Date(Date.parse(iso)).toISOString();

/** Narrative-free text for an Attachment: base64 UTF-8. */
export const base64Text = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
