import type { PatientRecordData } from '../patient-record';
import { type FhirResource, SYSTEMS, coding, derivedId, instant, ref } from './fhir-common';

/*
 * The medical history: allergy alerts (and the free-text allergies) as
 * AllergyIntolerance; the other alerts (anticoagulants, pregnancy…) as Flag,
 * which is what they are on screen; the free-text conditions as a Condition
 * and medications as a MedicationStatement, each with the text as typed.
 */

export function medicalResources(record: PatientRecordData, alertName: (code: string) => string): FhirResource[] {
  const subject = ref(record.patient.id);
  const history = record.history;
  const recorded = history ? instant(history.recorded_at) : undefined;
  const out: FhirResource[] = [];
  const active = { coding: [coding(SYSTEMS.allergyClinical, 'active')] };
  for (const alert of record.alerts) {
    const concept = { coding: [coding(SYSTEMS.alert, alert, alertName(alert))], text: alertName(alert) };
    if (alert.startsWith('allergy_')) {
      out.push({ resourceType: 'AllergyIntolerance', id: derivedId(record.patient.id, 'alert', alert), clinicalStatus: active, code: concept, patient: subject, ...(recorded ? { recordedDate: recorded } : {}) });
    } else {
      out.push({ resourceType: 'Flag', id: derivedId(record.patient.id, 'alert', alert), status: 'active', category: [{ text: 'clinical' }], code: concept, subject });
    }
  }
  if (!history) return out;
  if (history.allergies.trim()) out.push({ resourceType: 'AllergyIntolerance', id: derivedId(history.id, 'allergies'), clinicalStatus: active, code: { text: history.allergies }, patient: subject, recordedDate: recorded });
  if (history.conditions.trim()) {
    out.push({
      resourceType: 'Condition',
      id: derivedId(history.id, 'conditions'),
      category: [{ coding: [coding('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item')] }],
      code: { text: history.conditions },
      subject,
      recordedDate: recorded,
    });
  }
  if (history.medications.trim()) {
    out.push({ resourceType: 'MedicationStatement', id: derivedId(history.id, 'medications'), status: 'active', medicationCodeableConcept: { text: history.medications }, subject, dateAsserted: recorded });
  }
  return out;
}
