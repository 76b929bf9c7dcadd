import { addLocalMinutes, localToUtcMs } from '../../../shared/schedule/time';
import type { PatientRecordData } from '../patient-record';
import { type FhirResource, ref } from './fhir-common';

/** Our appointment statuses to FHIR's (arrived is in the waiting room; seated is checked in to the chair). */
const STATUS: Record<string, string> = {
  scheduled: 'booked',
  confirmed: 'booked',
  arrived: 'arrived',
  seated: 'checked-in',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
};

export function appointmentResources(record: PatientRecordData, timeZone: string): FhirResource[] {
  return record.appointments.map((a) => ({
    resourceType: 'Appointment',
    id: a.id,
    status: STATUS[a.status] ?? 'booked',
    ...(a.type_name ? { appointmentType: { text: a.type_name } } : {}),
    ...(a.notes ? { comment: a.notes } : {}),
    // Stored as the practice's wall clock; FHIR wants instants.
    start: new Date(localToUtcMs(a.start_local, timeZone)).toISOString(),
    end: new Date(localToUtcMs(addLocalMinutes(a.start_local, a.duration_min), timeZone)).toISOString(),
    minutesDuration: a.duration_min,
    created: new Date(Date.parse(a.created_at)).toISOString(),
    participant: [
      { actor: ref(record.patient.id), required: 'required', status: 'accepted' },
      ...(a.provider_name ? [{ actor: { display: a.provider_name }, required: 'required', status: 'accepted' }] : []),
    ],
  }));
}
