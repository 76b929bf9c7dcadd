import type { PatientRecordData } from '../patient-record';
import { type FhirResource, coding, derivedId, instant, ref, toothSite } from './fhir-common';

/*
 * Documents and prescriptions, as loadPatientRecord reads them (a voided
 * document or prescription is exported too, marked so). The rows are read by
 * column name, so these mappers also take the older shapes below:
 *
 * documents: id, patient_id, kind ('radiograph' | 'intraoral_photo' |
 *   'letter' | 'id' …; also read as `type`), mime (or `content_type`),
 *   title (or `file_name`, `name`), taken_on (or `document_date`, `date`,
 *   YYYY-MM-DD), teeth (JSON array of tooth ids, optional), byte size
 *   (`size_bytes` or `size`), content hash (`sha256`, hex), created_at,
 *   deleted_at. The file's bytes are not inlined: an export of many
 *   radiographs would be hundreds of MB; the metadata and hash identify each.
 *
 * prescriptions: id, patient_id, drug (or `medicine`), strength, dose,
 *   frequency, duration, instructions (optional), provider_id, issued_at
 *   (or `created_at`), status ('active' | 'void'/'voided'), voided_at,
 *   replaces_id (the prescription it reissues, optional). A prescription
 *   holding several drugs as a JSON `items` array of those fields is also read:
 *   one MedicationRequest per item.
 */

type Row = Record<string, unknown>;
const str = (row: Row, ...keys: string[]): string | undefined => {
  for (const key of keys) {
    const v = row[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return undefined;
};
const num = (row: Row, ...keys: string[]): number | undefined => {
  for (const key of keys) if (typeof row[key] === 'number') return row[key] as number;
  return undefined;
};
const when = (text: string | undefined) => (text && !Number.isNaN(Date.parse(text)) ? (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : instant(text)) : undefined);

function teeth(row: Row): string[] {
  const raw = row.teeth;
  if (typeof raw !== 'string') return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function documentResources(record: PatientRecordData): FhirResource[] {
  return (record.optional.documents ?? []).map((row) => {
    const id = String(row.id);
    const kind = str(row, 'kind', 'type') ?? 'document';
    const sha256 = str(row, 'sha256');
    const date = when(str(row, 'taken_on', 'document_date', 'date'));
    const sites = teeth(row).map(toothSite);
    return {
      resourceType: 'DocumentReference',
      id,
      // A voided document stays in the record, as FHIR's "entered in error".
      status: typeof row.voided_at === 'string' ? 'entered-in-error' : 'current',
      type: { coding: [coding('https://consultadental.cl/fhir/CodeSystem/document-kind', kind)], text: kind },
      subject: ref(record.patient.id),
      ...(when(str(row, 'created_at')) ? { date: instant(str(row, 'created_at')!) } : {}),
      description: str(row, 'title', 'file_name', 'name'),
      content: [
        {
          attachment: {
            contentType: str(row, 'mime', 'content_type'),
            title: str(row, 'title', 'file_name', 'name'),
            size: num(row, 'size_bytes', 'size'),
            ...(date ? { creation: date } : {}),
          },
        },
      ],
      ...(sites.length ? { context: { event: sites } } : {}),
      ...(sha256 ? { identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:sha256:${sha256}` }] } : {}),
    };
  });
}

export function prescriptionResources(record: PatientRecordData): FhirResource[] {
  const out: FhirResource[] = [];
  for (const row of record.optional.prescriptions ?? []) {
    const voided = ['void', 'voided', 'cancelled'].includes(String(row.status ?? '')) || typeof row.voided_at === 'string';
    let items: Row[] = [row];
    if (typeof row.items === 'string') {
      try {
        const parsed = JSON.parse(row.items) as unknown;
        if (Array.isArray(parsed)) items = parsed.filter((i): i is Row => typeof i === 'object' && i !== null);
      } catch {
        /* an unreadable list: the row itself is read */
      }
    }
    items.forEach((item, index) => {
      const drug = [str(item, 'drug', 'medicine', 'name'), str(item, 'strength')].filter(Boolean).join(' ');
      const dosage = [str(item, 'dose'), str(item, 'frequency'), str(item, 'duration'), str(item, 'instructions')].filter(Boolean).join(', ');
      const authored = when(str(row, 'issued_at', 'created_at'));
      out.push({
        resourceType: 'MedicationRequest',
        id: items.length === 1 ? String(row.id) : derivedId(String(row.id), String(index)),
        status: voided ? 'cancelled' : 'active',
        intent: 'order',
        medicationCodeableConcept: { text: drug || 'medication' },
        subject: ref(record.patient.id),
        ...(authored ? { authoredOn: authored } : {}),
        ...(dosage ? { dosageInstruction: [{ text: dosage }] } : {}),
        ...(typeof row.replaces_id === 'string' ? { priorPrescription: ref(row.replaces_id) } : {}),
      });
    });
  }
  return out;
}
