import type { PatientRecordData } from '../patient-record';
import { type FhirResource, SYSTEMS, base64Text, coding, instant, ref } from './fhir-common';

/*
 * Signed clinical notes as DocumentReference with the note inline as UTF-8
 * text (headings, the signed text, then each addendum with who signed it and
 * when). A Composition would need an XHTML narrative per section and adds no
 * structure the note has; a DocumentReference is also what the documents
 * branch exports, so the record's papers sit together.
 */

export function noteResources(record: PatientRecordData): FhirResource[] {
  const subject = ref(record.patient.id);
  return record.notes.map(({ note, sections, addenda }) => {
    const signer = note.signed_by ? record.users.get(note.signed_by) : undefined;
    const text = [
      note.title,
      '',
      ...sections.flatMap((s) => [s.heading ? `${s.heading}:` : '', s.text, '']),
      ...addenda.flatMap((a) => [`Addendum ${instant(a.signed_at)}${a.signed_by && record.users.get(a.signed_by) ? ` (${record.users.get(a.signed_by)})` : ''}:`, a.text, '']),
    ]
      .join('\n')
      .trim();
    return {
      resourceType: 'DocumentReference',
      id: note.id,
      status: 'current',
      docStatus: 'final',
      type: { coding: [coding(SYSTEMS.noteType, 'clinical-note', 'Clinical note')], text: 'Clinical note' },
      category: [{ text: 'clinical-note' }],
      subject,
      date: instant(note.signed_at ?? note.updated_at),
      ...(signer ? { author: [{ display: signer }], authenticator: { display: signer } } : {}),
      description: note.title || undefined,
      content: [{ attachment: { contentType: 'text/plain; charset=utf-8', language: undefined, data: base64Text(text), title: note.title || note.visit_date, creation: note.visit_date } }],
      context: { period: { start: note.visit_date } },
    };
  });
}
