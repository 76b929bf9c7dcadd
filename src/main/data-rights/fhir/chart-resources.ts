import type { ChartEntry } from '../../../shared/chart/events';
import type { ChartItem } from '../../../shared/chart/findings';
import type { PatientRecordData } from '../patient-record';
import { type FhirResource, SYSTEMS, coding, instant, ref, surfaceSite, toothSite } from './fhir-common';

/*
 * The odontogram's current entries. A finding recorded as a condition (a
 * diagnosis with no procedure) and a whole-tooth state (missing, fracture…)
 * become Condition; every other finding is a Procedure, its status mapped:
 *   completed, existing, existing_other → completed (existing work predates
 *   us; existing_other is noted as done elsewhere); planned → preparation
 *   (FHIR's "not yet started"); referred → on-hold, noted as referred.
 * The tooth is bodySite in FDI (ex-tooth); surfaces a second bodySite in
 * FDI-surface letters. Wider areas (quadrant, sextant, arch, mouth) are text.
 */

const PROCEDURE_STATUS: Record<string, string> = {
  completed: 'completed',
  existing: 'completed',
  existing_other: 'completed',
  planned: 'preparation',
  referred: 'on-hold',
};

type Finding = Extract<ChartItem, { type: 'finding' }>;

function areaSites(area: Finding['area']) {
  switch (area.kind) {
    case 'surface':
      return [toothSite(area.tooth), surfaceSite(area.surfaces)];
    case 'tooth':
      return [toothSite(area.tooth)];
    case 'range':
      return area.teeth.map(toothSite);
    case 'quadrant':
      return [{ coding: [coding(SYSTEMS.area, `quadrant-${area.quadrant}`)], text: area.quadrant }];
    case 'sextant':
      return [{ coding: [coding(SYSTEMS.area, `sextant-${area.sextant}`)], text: `S${area.sextant}` }];
    case 'arch':
      return [{ coding: [coding(SYSTEMS.area, `arch-${area.arch}`)], text: area.arch }];
    case 'mouth':
      return [{ coding: [coding(SYSTEMS.tooth, '0', 'Entire oral cavity')], text: 'mouth' }];
  }
}

function procedureCode(record: PatientRecordData, code: string, language: 'es' | 'en') {
  const names = record.procedureNames.get(code.toUpperCase());
  const display = names ? names[language] : undefined;
  return { coding: [coding(SYSTEMS.procedure, code, display)], text: display ?? code };
}

function who(record: PatientRecordData, userId: string) {
  const name = record.users.get(userId);
  return name ? { display: name } : undefined;
}

export function chartResources(record: PatientRecordData, language: 'es' | 'en'): FhirResource[] {
  const out: FhirResource[] = [];
  for (const entry of record.chartEntries) {
    const resource = entryResource(record, entry, language);
    if (resource) out.push(resource);
  }
  return out;
}

function entryResource(record: PatientRecordData, entry: ChartEntry, language: 'es' | 'en'): FhirResource | null {
  const item = entry.item;
  const subject = ref(record.patient.id);
  const recorder = who(record, entry.addedBy);
  if (item.type === 'tooth_state') {
    return {
      resourceType: 'Condition',
      id: entry.id,
      clinicalStatus: { coding: [coding(SYSTEMS.conditionClinical, 'active')] },
      verificationStatus: { coding: [coding(SYSTEMS.conditionVerification, 'confirmed')] },
      code: { coding: [coding(SYSTEMS.toothState, item.state)], text: item.state },
      bodySite: [toothSite(item.tooth)],
      subject,
      recordedDate: instant(entry.addedAt),
      ...(recorder ? { recorder } : {}),
      ...(item.note ? { note: [{ text: item.note }] } : {}),
    };
  }
  if (item.type !== 'finding') return null;
  const bodySite = areaSites(item.area);
  if (item.status === 'condition') {
    return {
      resourceType: 'Condition',
      id: entry.id,
      clinicalStatus: { coding: [coding(SYSTEMS.conditionClinical, 'active')] },
      verificationStatus: { coding: [coding(SYSTEMS.conditionVerification, 'confirmed')] },
      code: procedureCode(record, item.code, language),
      bodySite,
      subject,
      recordedDate: instant(entry.addedAt),
      ...(recorder ? { recorder } : {}),
      ...(item.note ? { note: [{ text: item.note }] } : {}),
    };
  }
  const notes = [
    ...(item.status === 'existing_other' ? [{ text: 'existing_other: done by another provider' }] : []),
    ...(item.status === 'referred' ? [{ text: 'referred' }] : []),
    ...(item.note ? [{ text: item.note }] : []),
  ];
  const done = PROCEDURE_STATUS[item.status] === 'completed';
  return {
    resourceType: 'Procedure',
    id: entry.id,
    status: PROCEDURE_STATUS[item.status] ?? 'unknown',
    code: procedureCode(record, item.code, language),
    subject,
    ...(done ? { performedDateTime: instant(entry.changedAt) } : {}),
    ...(recorder ? { recorder } : {}),
    bodySite,
    ...(notes.length ? { note: notes } : {}),
  };
}
