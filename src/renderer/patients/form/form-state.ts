import type { FONASA_TRAMOS, GENDERS, PHONE_KINDS, PatientDraft, PatientRecord, RELATIONSHIPS, SEXES } from '../../../shared/contract/patients';
import { formatDocument } from '../../../shared/identity/documents';
import type { DocumentType } from '../../../shared/identity/documents';
import type { AlertCode } from '../../../shared/patients/alerts';

export type Sex = (typeof SEXES)[number];
export type Gender = (typeof GENDERS)[number];
export type PhoneKind = (typeof PHONE_KINDS)[number];
export type Relationship = (typeof RELATIONSHIPS)[number];
export type Tramo = (typeof FONASA_TRAMOS)[number];
export type GuarantorKind = 'self' | 'patient' | 'person';
export type CoverageKind = PatientRecord['coverage']['kind'];

export const MAX_PHONES = 4;

export interface PhoneRow {
  /** A stable React key, so removing a row keeps the others' focus and text. */
  key: number;
  number: string;
  kind: PhoneKind;
  whatsapp: boolean;
}

/** Everything the form edits, as typed: strings stay strings until the draft is built. */
export interface PatientFormState {
  givenNames: string;
  firstSurname: string;
  secondSurname: string;
  preferredName: string;
  documentType: DocumentType;
  documentNumber: string;
  birthDate: string;
  sex: Sex | '';
  gender: Gender | '';
  phones: PhoneRow[];
  email: string;
  street: string;
  district: string;
  city: string;
  region: string;
  postalCode: string;
  emergencyName: string;
  emergencyPhone: string;
  emergencyRelationship: Relationship;
  guarantorKind: GuarantorKind;
  guarantorPatient: { id: string; name: string } | null;
  guarantorPatientRelationship: Relationship;
  guarantorName: string;
  guarantorDocumentType: DocumentType;
  guarantorDocumentNumber: string;
  guarantorPhone: string;
  guarantorRelationship: Relationship;
  coverageKind: CoverageKind;
  fonasaTramo: Tramo;
  isapre: string;
  isaprePlan: string;
  carrier: string;
  subscriberId: string;
  subscriberName: string;
  referralSource: string;
  notes: string;
  alerts: AlertCode[];
}

let nextKey = 1;
export const phoneRow = (whatsapp: boolean, number = '', kind: PhoneKind = 'mobile'): PhoneRow => ({ key: nextKey++, number, kind, whatsapp });

export function emptyForm(documentType: DocumentType): PatientFormState {
  return {
    givenNames: '',
    firstSurname: '',
    secondSurname: '',
    preferredName: '',
    documentType,
    documentNumber: '',
    birthDate: '',
    sex: '',
    gender: '',
    // Most patients give a mobile, and in the region most mobiles have WhatsApp.
    phones: [phoneRow(true)],
    email: '',
    street: '',
    district: '',
    city: '',
    region: '',
    postalCode: '',
    emergencyName: '',
    emergencyPhone: '',
    emergencyRelationship: 'other',
    guarantorKind: 'self',
    guarantorPatient: null,
    guarantorPatientRelationship: 'mother',
    guarantorName: '',
    guarantorDocumentType: documentType,
    guarantorDocumentNumber: '',
    guarantorPhone: '',
    guarantorRelationship: 'mother',
    coverageKind: 'none',
    fonasaTramo: 'A',
    isapre: '',
    isaprePlan: '',
    carrier: '',
    subscriberId: '',
    subscriberName: '',
    referralSource: '',
    notes: '',
    alerts: [],
  };
}

/** The stored record back into the form, shown as people read it (formatted document and phones). */
export function formFromRecord(record: PatientRecord, defaultDocumentType: DocumentType): PatientFormState {
  const base = emptyForm(record.document?.type ?? defaultDocumentType);
  const guarantor = record.guarantor;
  const coverage = record.coverage;
  return {
    ...base,
    givenNames: record.givenNames,
    firstSurname: record.firstSurname,
    secondSurname: record.secondSurname,
    preferredName: record.preferredName,
    documentNumber: record.document?.formatted ?? '',
    birthDate: record.birthDate ?? '',
    sex: record.sex ?? '',
    gender: record.gender ?? '',
    phones: record.phones.map((p) => phoneRow(p.whatsapp, p.formatted, p.kind)),
    email: record.email,
    street: record.address?.street ?? '',
    district: record.address?.district ?? '',
    city: record.address?.city ?? '',
    region: record.address?.region ?? '',
    postalCode: record.address?.postalCode ?? '',
    emergencyName: record.emergencyContact?.name ?? '',
    emergencyPhone: record.emergencyContact?.phone ?? '',
    emergencyRelationship: record.emergencyContact?.relationship ?? 'other',
    guarantorKind: guarantor.kind,
    guarantorPatient:
      guarantor.kind === 'patient' ? { id: guarantor.patientId, name: record.guarantorPatient?.displayName ?? '' } : null,
    guarantorPatientRelationship: guarantor.kind === 'patient' ? guarantor.relationship : base.guarantorPatientRelationship,
    guarantorName: guarantor.kind === 'person' ? guarantor.name : '',
    guarantorDocumentType: guarantor.kind === 'person' && guarantor.document ? guarantor.document.type : base.guarantorDocumentType,
    guarantorDocumentNumber: guarantor.kind === 'person' && guarantor.document ? formatDocument(guarantor.document.type, guarantor.document.number) : '',
    guarantorPhone: guarantor.kind === 'person' ? guarantor.phone : '',
    guarantorRelationship: guarantor.kind === 'person' ? guarantor.relationship : base.guarantorRelationship,
    coverageKind: coverage.kind,
    fonasaTramo: coverage.kind === 'fonasa' ? coverage.tramo : base.fonasaTramo,
    isapre: coverage.kind === 'isapre' ? coverage.isapre : '',
    isaprePlan: coverage.kind === 'isapre' ? coverage.planNumber : '',
    carrier: coverage.kind === 'insurer' ? coverage.carrier : '',
    subscriberId: coverage.kind === 'insurer' ? coverage.subscriberId : '',
    subscriberName: coverage.kind === 'insurer' ? coverage.subscriberName : '',
    referralSource: record.referralSource,
    notes: record.notes,
    alerts: record.alerts,
  };
}

const blank = (...values: string[]) => values.every((v) => v.trim() === '');

export interface BuiltDraft {
  draft: PatientDraft;
  /** For each phone sent, the form row it came from: main's "phones.1.number" may be the form's third row. */
  phoneRows: number[];
}

/**
 * The contract's draft from what was typed. Groups left empty (address,
 * emergency contact, document) become null; anything half-filled is sent as
 * is, so main names the missing part beside its field.
 */
export function draftFromForm(f: PatientFormState): BuiltDraft {
  // A row left empty is a row nobody meant to fill.
  const phoneRows = f.phones.flatMap((p, i) => (blank(p.number) ? [] : [i]));
  const guarantor: PatientDraft['guarantor'] =
    f.guarantorKind === 'patient'
      ? { kind: 'patient', patientId: f.guarantorPatient?.id ?? '', relationship: f.guarantorPatientRelationship }
      : f.guarantorKind === 'person'
        ? {
            kind: 'person',
            name: f.guarantorName,
            document: blank(f.guarantorDocumentNumber) ? null : { type: f.guarantorDocumentType, number: f.guarantorDocumentNumber },
            phone: f.guarantorPhone,
            relationship: f.guarantorRelationship,
          }
        : { kind: 'self' };
  const coverage: PatientDraft['coverage'] =
    f.coverageKind === 'fonasa'
      ? { kind: 'fonasa', tramo: f.fonasaTramo }
      : f.coverageKind === 'isapre'
        ? { kind: 'isapre', isapre: f.isapre, planNumber: f.isaprePlan }
        : f.coverageKind === 'insurer'
          ? { kind: 'insurer', carrier: f.carrier, subscriberId: f.subscriberId, subscriberName: f.subscriberName }
          : { kind: f.coverageKind };
  const draft: PatientDraft = {
    givenNames: f.givenNames,
    firstSurname: f.firstSurname,
    secondSurname: f.secondSurname,
    preferredName: f.preferredName,
    document: blank(f.documentNumber) ? null : { type: f.documentType, number: f.documentNumber },
    birthDate: f.birthDate || null,
    sex: f.sex || null,
    gender: f.gender || null,
    phones: phoneRows.map((i) => f.phones[i]!).map((p) => ({ number: p.number, kind: p.kind, whatsapp: p.whatsapp })),
    email: f.email.trim(),
    address: blank(f.street, f.district, f.city, f.region, f.postalCode)
      ? null
      : { street: f.street, district: f.district, city: f.city, region: f.region, postalCode: f.postalCode },
    emergencyContact: blank(f.emergencyName, f.emergencyPhone)
      ? null
      : { name: f.emergencyName, phone: f.emergencyPhone, relationship: f.emergencyRelationship },
    guarantor,
    coverage,
    referralSource: f.referralSource,
    notes: f.notes,
  };
  return { draft, phoneRows };
}
