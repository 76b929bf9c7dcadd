import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { CallOutput, ParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { IMPORT_FIELDS } from '../../../shared/contract/patients';
import { todayIn } from '../../../shared/patients/age';
import { fold } from '../../../shared/text/fold';
import type { PatientsTable, Schema } from '../../db/schema';
import { readPracticeRow } from '../../practice/practice-repository';
import type { Actor, Store } from '../../store/store';
import type { PatientFields } from '../patient-normalize';
import { cellText } from './cells';
import { type ImportMapping, suggestMapping } from './header-mapping';
import { importRow, type RowError, rowContext } from './import-rows';
import { decodeBase64, readSpreadsheet, type Sheet } from './spreadsheet';

const SAMPLE_ROWS = 20;

type PreviewInput = ParsedInput<'patients.import.preview'>;
type RunInput = ParsedInput<'patients.import.run'>;

/** Reads the file and proposes a mapping; writes nothing. */
export async function previewImport(input: PreviewInput): Promise<CallOutput<'patients.import.preview'>> {
  const sheet = await readSpreadsheet(decodeBase64(input.contentBase64));
  return {
    format: sheet.format,
    encoding: sheet.encoding,
    headers: sheet.headers,
    sampleRows: sheet.rows.slice(0, SAMPLE_ROWS).map((r) => sheet.headers.map((_, i) => cellText(r.cells[i]))),
    rowCount: sheet.rows.length,
    suggestedMapping: suggestMapping(sheet.headers),
  };
}

function checkMapping(mapping: ImportMapping, sheet: Sheet): void {
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column !== undefined && column >= sheet.headers.length) {
      throw new AppError('VALIDATION', 'validation.importMappingColumn', { fields: { [`mapping.${field}`]: 'validation.importMappingColumn' } });
    }
  }
  const hasName = mapping.fullName !== undefined || (mapping.givenNames !== undefined && mapping.firstSurname !== undefined);
  if (!hasName) throw new AppError('VALIDATION', 'validation.importMappingName', { fields: { mapping: 'validation.importMappingName' } });
}

/** Folded, single-spaced: how names compare for duplicates ("JOSÉ  Muñoz" = "jose munoz"). */
const foldName = (text: string) => fold(text).replace(/\s+/g, ' ').trim();
const nameKey = (p: Pick<PatientFields, 'given_names' | 'first_surname'>) => `${foldName(p.given_names)}|${foldName(p.first_surname)}`;
const documentKey = (type: string, number: string) => `${type}|${number}`;

interface KnownDocument {
  given: string;
  surname: string;
  /** Merged patients live on in their survivor; deleted ones were removed on purpose. */
  deleted: boolean;
}

/**
 * What is already in the practice, loaded once into maps and sets so each row
 * is checked without a query: documents (of every row, since the unique index
 * covers deleted ones too), and name + birth date / name + phone of active patients.
 */
class KnownPatients {
  readonly documents = new Map<string, KnownDocument>();
  readonly nameBirth = new Set<string>();
  readonly namePhone = new Set<string>();

  static async load(db: Kysely<Schema>): Promise<KnownPatients> {
    const known = new KnownPatients();
    const rows = await db
      .selectFrom('patients')
      .select(['given_names', 'first_surname', 'birth_date', 'phones', 'document_type', 'document_number', 'deleted_at', 'merged_into_id'])
      .execute();
    for (const row of rows) {
      const active = row.deleted_at === null && row.merged_into_id === null;
      if (row.document_type && row.document_number) {
        known.documents.set(documentKey(row.document_type, row.document_number), {
          given: foldName(row.given_names),
          surname: foldName(row.first_surname),
          deleted: row.deleted_at !== null && row.merged_into_id === null,
        });
      }
      if (active) known.addNames(row);
    }
    return known;
  }

  addNames(row: Pick<PatientsTable, 'given_names' | 'first_surname' | 'birth_date' | 'phones'>): void {
    const name = nameKey(row);
    if (row.birth_date) this.nameBirth.add(`${name}|${row.birth_date}`);
    for (const e164 of phonesOf(row.phones)) this.namePhone.add(`${name}|${e164}`);
  }

  add(fields: PatientFields): void {
    if (fields.document_type && fields.document_number) {
      this.documents.set(documentKey(fields.document_type, fields.document_number), {
        given: foldName(fields.given_names),
        surname: foldName(fields.first_surname),
        deleted: false,
      });
    }
    this.addNames(fields);
  }

  /**
   * 'present' when the row is a patient the practice already has; an error key when its
   * document belongs to someone else (or to a deleted patient); null when it is new.
   */
  check(fields: PatientFields): 'present' | RowError | null {
    if (fields.document_type && fields.document_number) {
      const existing = this.documents.get(documentKey(fields.document_type, fields.document_number));
      if (!existing) return null;
      if (existing.deleted) return { field: 'documentNumber', messageKey: 'validation.importDocumentDeleted' };
      // The same person if either the first surname or the given names agree (spellings get fixed over time).
      const same = existing.surname === foldName(fields.first_surname) || existing.given === foldName(fields.given_names);
      return same ? 'present' : { field: 'documentNumber', messageKey: 'validation.importDocumentTaken' };
    }
    const name = nameKey(fields);
    if (fields.birth_date && this.nameBirth.has(`${name}|${fields.birth_date}`)) return 'present';
    if (phonesOf(fields.phones).some((e164) => this.namePhone.has(`${name}|${e164}`))) return 'present';
    return null;
  }
}

function phonesOf(json: string): string[] {
  try {
    const phones = JSON.parse(json) as { e164?: unknown }[];
    return Array.isArray(phones) ? phones.map((p) => p.e164).filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * Validates every row, then, in one transaction, skips the patients the
 * practice already has and inserts the rest with one audit entry. If any
 * insert fails, nothing of the import is written.
 */
export async function runImport(store: Store, actor: Actor, input: RunInput): Promise<CallOutput<'patients.import.run'>> {
  const sheet = await readSpreadsheet(decodeBase64(input.contentBase64));
  const mapping = input.mapping as ImportMapping;
  checkMapping(mapping, sheet);
  const practice = await readPracticeRow(store.db);
  if (!practice) throw new AppError('NOT_SET_UP');
  const ctx = rowContext(practice, todayIn(practice.time_zone));

  // Validation is pure work on the file: done before the transaction, which then only checks and writes.
  const rejected: { row: number; errors: RowError[] }[] = [];
  const valid: { row: number; fields: PatientFields }[] = [];
  for (const { row, cells } of sheet.rows) {
    const result = importRow(cells, mapping, ctx);
    if (result.ok) valid.push({ row, fields: result.fields });
    else rejected.push({ row, errors: result.errors });
  }

  try {
    return await store.write(actor, async (tx) => {
      // Loaded inside the transaction, so no other write can slip in between the check and the insert.
      const known = await KnownPatients.load(tx.db);
      const now = new Date().toISOString();
      let imported = 0;
      let alreadyPresent = 0;
      for (const { row, fields } of valid) {
        // A row repeated within the file is, by the time it is reached, already present too.
        const verdict = known.check(fields);
        if (verdict === 'present') {
          alreadyPresent++;
          continue;
        }
        if (verdict) {
          rejected.push({ row, errors: [verdict] });
          continue;
        }
        await tx.insert('patients', { id: uuidv7(), ...fields, merged_into_id: null, created_at: now, updated_at: now, deleted_at: null });
        known.add(fields);
        imported++;
      }
      rejected.sort((a, b) => a.row - b.row);
      await tx.audit({
        action: 'patients.import',
        entity: 'patient',
        entityId: null,
        details: { imported, rejected: rejected.length, alreadyPresent, fileName: input.fileName },
      });
      return { total: sheet.rows.length, imported, alreadyPresent, rejected };
    });
  } catch (error) {
    // Another workstation's change arrived between the check and the insert: all of it rolled back.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'errors.IMPORT_CONFLICT');
    throw error;
  }
}
