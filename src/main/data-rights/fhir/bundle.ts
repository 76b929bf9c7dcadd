import type { PatientRecordData } from '../patient-record';
import { appointmentResources } from './appointment-resource';
import { chartResources } from './chart-resources';
import { type FhirResource, derivedId } from './fhir-common';
import { medicalResources } from './medical-resources';
import { noteResources } from './note-resources';
import { documentResources, prescriptionResources } from './optional-resources';
import { patientResource } from './patient-resource';
import { perioResources } from './perio-resources';

/*
 * The whole record as one FHIR R4 Bundle of type "collection": a copy for the
 * patient (or another system), not a transaction to replay. Every entry's
 * fullUrl is urn:uuid:<id> and references use the same form, so the bundle
 * resolves by itself.
 */

export interface BundleOptions {
  country: string;
  timeZone: string;
  language: 'es' | 'en';
  now: Date;
  alertName: (code: string) => string;
}

export function buildBundle(record: PatientRecordData, options: BundleOptions): { bundle: FhirResource; counts: Record<string, number> } {
  const patients = [
    patientResource(record.patient, options.country, { replaces: record.merged.map((m) => m.id), replacedBy: null }),
    ...record.merged.map((m) => patientResource(m, options.country, { replaces: [], replacedBy: m.merged_into_id ?? record.patient.id })),
  ];
  const resources: FhirResource[] = [
    ...patients,
    ...medicalResources(record, options.alertName),
    ...appointmentResources(record, options.timeZone),
    ...chartResources(record, options.language),
    ...perioResources(record),
    ...noteResources(record),
    ...documentResources(record),
    ...prescriptionResources(record),
  ];
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
  const timestamp = options.now.toISOString();
  return {
    bundle: {
      resourceType: 'Bundle',
      id: derivedId(record.patient.id, 'bundle', timestamp),
      meta: { lastUpdated: timestamp },
      type: 'collection',
      timestamp,
      entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
    },
    counts,
  };
}
