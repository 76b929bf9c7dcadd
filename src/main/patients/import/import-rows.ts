import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { z } from 'zod';
import { type ImportField, type PatientDraft, patientDraftSchema } from '../../../shared/contract/patients';
import { validationError } from '../../../shared/contract/errors';
import { defaultDocumentType, type DocumentType } from '../../../shared/identity/documents';
import { ADULT_AGE, ageOn } from '../../../shared/patients/age';
import type { Language } from '../../../shared/i18n/languages';
import { normalizePatientDraft, type PatientFields } from '../patient-normalize';
import { cellText, parseBirthDate, parseSex, splitFullName, splitPhones, splitSurnames } from './cells';
import type { ImportMapping } from './header-mapping';
import type { Cell } from './spreadsheet';

export interface RowContext {
  country: string;
  today: string;
  language: Language;
  documentType: DocumentType;
}

export function rowContext(practice: { country: string; language: string }, today: string): RowContext {
  return {
    country: practice.country,
    today,
    language: practice.language === 'en' ? 'en' : 'es',
    documentType: defaultDocumentType(practice.country),
  };
}

export interface RowError {
  field: string;
  messageKey: string;
  /** What the message says, such as the `max` of a too-long value. */
  params?: Record<string, string | number>;
}

export type RowResult = { ok: true; fields: PatientFields } | { ok: false; errors: RowError[] };

/**
 * The note an imported minor carries until staff record who answers for them.
 * Written in the practice's language because it is part of the record.
 */
export const MINOR_NOTE: Record<Language, string> = {
  es: '[Importación] Paciente menor de edad sin responsable: complete el apoderado en la ficha.',
  en: '[Import] Minor without a guarantor: add the responsible party on the record.',
};

/** Where a draft's error shows in the import report: the import field (the column) it came from. */
function reportField(path: string, nameFromFullName: boolean): string {
  const head = path.split('.')[0]!;
  switch (head) {
    case 'givenNames':
    case 'firstSurname':
    case 'secondSurname':
      return nameFromFullName ? 'fullName' : head;
    case 'document':
      return 'documentNumber';
    case 'phones':
      return 'phone';
    case 'address': {
      const part = path.split('.')[1];
      return part === 'street' || part === 'district' || part === 'city' || part === 'region' ? part : 'address';
    }
    default:
      return head;
  }
}

function isMobile(e164: string): boolean {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return false;
  const type = parsed.getType();
  if (type === 'MOBILE') return true;
  if (type !== 'FIXED_LINE_OR_MOBILE') return false;
  // Chile's numbering plan shares one pattern for both; mobiles are the ones that start with 9.
  if (parsed.country === 'CL') return parsed.nationalNumber.startsWith('9');
  // Elsewhere (the US, for one) the numbering does not tell them apart: assume a mobile, as most are.
  return true;
}

/** Phones as typed, with the first mobile one marked as WhatsApp (how Chilean practices reach patients). */
function phoneInputs(text: string, country: string): NonNullable<PatientDraft['phones']> {
  let whatsappGiven = false;
  return splitPhones(text)
    .slice(0, 4)
    .map((number) => {
      const parsed = parsePhoneNumberFromString(number, country as CountryCode);
      const mobile = parsed?.isValid() ? isMobile(parsed.number) : true;
      const whatsapp = mobile && !whatsappGiven;
      if (whatsapp) whatsappGiven = true;
      return { number, kind: mobile ? ('mobile' as const) : ('home' as const), whatsapp };
    });
}

/**
 * Turns one spreadsheet row into stored columns, through the same schema and
 * normalization as the patient form, or into the list of what is wrong with it.
 */
export function importRow(cells: readonly Cell[], mapping: ImportMapping, ctx: RowContext): RowResult {
  const cell = (field: ImportField): Cell | undefined => {
    const column = mapping[field];
    return column === undefined ? undefined : cells[column];
  };
  const text = (field: ImportField) => cellText(cell(field));
  const errors: RowError[] = [];

  // Names: separate columns when the row fills any of them, else the whole-name column.
  let givenNames = text('givenNames');
  let firstSurname = text('firstSurname');
  let secondSurname = text('secondSurname');
  let nameFromFullName = false;
  if (!givenNames && !firstSurname && !secondSurname && text('fullName')) {
    ({ givenNames, firstSurname, secondSurname } = splitFullName(text('fullName')));
    nameFromFullName = true;
  } else if (mapping.secondSurname === undefined && firstSurname) {
    // One "Apellidos" column holding both surnames.
    ({ firstSurname, secondSurname } = splitSurnames(firstSurname));
  }

  let birthDate: string | null = null;
  const birthCell = cell('birthDate');
  if (cellText(birthCell) !== '') {
    birthDate = parseBirthDate(birthCell, { today: ctx.today, monthFirst: ctx.country === 'US' });
    if (!birthDate) errors.push({ field: 'birthDate', messageKey: 'validation.date' });
  }

  const sex = parseSex(cell('sex'));
  if (sex === undefined) errors.push({ field: 'sex', messageKey: 'validation.importSex' });

  const documentNumber = text('documentNumber');
  // An address is one line on the form; a spreadsheet cell may hold it on several (Alt+Enter in Excel).
  const oneLine = (field: ImportField) => text(field).replace(/\s*[\r\n]+\s*/g, ', ');
  const street = oneLine('street');
  const district = oneLine('district');
  const city = oneLine('city');
  const region = oneLine('region');
  const phones = text('phone');
  // Several e-mail addresses in one cell ("a@x.cl; b@y.cl"): the first one.
  const email = text('email').split(/[\s;,]+/).find(Boolean) ?? '';

  const draft: PatientDraft = {
    givenNames,
    firstSurname,
    secondSurname,
    document: documentNumber ? { type: ctx.documentType, number: documentNumber } : null,
    birthDate,
    sex: sex ?? null,
    phones: phones ? phoneInputs(phones, ctx.country) : [],
    email: email.toLowerCase(),
    address: street || district || city || region ? { street, district, city, region } : null,
    notes: text('notes'),
  };

  let parsed = patientDraftSchema.safeParse(draft);
  if (!parsed.success) {
    const refusal = validationError(parsed.error.issues).value;
    const failed = Object.entries(refusal.fields ?? {});
    for (const [path, messageKey] of failed) {
      const params = refusal.fieldParams?.[path];
      errors.push({ field: reportField(path, nameFromFullName), messageKey, ...(params ? { params } : {}) });
    }
    // Stand-ins for the fields the schema refused, so that normalization still reports the rest
    // (a row with no name and a typo'd RUT gets both messages at once).
    const heads = new Set(failed.map(([path]) => path.split('.')[0]));
    const patched: PatientDraft = {
      ...draft,
      givenNames: heads.has('givenNames') ? '-' : draft.givenNames,
      firstSurname: heads.has('firstSurname') ? '-' : draft.firstSurname,
      secondSurname: heads.has('secondSurname') ? '' : draft.secondSurname,
      document: heads.has('document') ? null : draft.document,
      phones: heads.has('phones') ? [] : draft.phones,
      email: heads.has('email') ? '' : draft.email,
      address: heads.has('address') ? null : draft.address,
      notes: heads.has('notes') ? '' : draft.notes,
    };
    parsed = patientDraftSchema.safeParse(patched);
    if (!parsed.success) return { ok: false, errors: dedupeErrors(errors) };
  }

  // Minors come in without a guarantor: the file has no column for one. They are imported, not
  // rejected, because a practice's list always has children and typing them all again by hand is
  // what import is meant to spare. The record keeps guarantor "self" and a note saying what is
  // missing; the patient form refuses to save the record until a guarantor is added, so the gap
  // is closed at the child's next visit.
  const value = parsed.data;
  const minor = value.birthDate !== null && /^\d{4}-\d{2}-\d{2}$/.test(value.birthDate) && value.birthDate <= ctx.today && ageOn(value.birthDate, ctx.today) < ADULT_AGE;
  const toNormalize: z.output<typeof patientDraftSchema> = minor ? { ...value, guarantor: { kind: 'person', name: '-', document: null, phone: '', relationship: 'other' } } : value;
  const normalized = normalizePatientDraft(toNormalize, { country: ctx.country, today: ctx.today });
  if (!normalized.ok) {
    for (const [path, messageKey] of Object.entries(normalized.errors)) errors.push({ field: reportField(path, nameFromFullName), messageKey });
  }
  if (errors.length > 0 || !normalized.ok) return { ok: false, errors: dedupeErrors(errors) };

  const fields = normalized.fields;
  if (minor) {
    fields.guarantor = JSON.stringify({ kind: 'self' });
    fields.guarantor_patient_id = null;
    const note = MINOR_NOTE[ctx.language];
    if (!fields.notes.includes(note)) fields.notes = (fields.notes ? `${note}\n${fields.notes}` : note).slice(0, 4000);
  }
  return { ok: true, fields };
}

/** One message per field, the first found, as the form shows them. */
function dedupeErrors(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.field) && seen.add(e.field));
}
