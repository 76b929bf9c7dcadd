/**
 * A practice's own procedure list as CSV.
 *
 * Header (any column order, case-insensitive):
 *   code;name_es;name_en;area;surfaces_required;fee
 * with optional columns results_in (a tooth state), category and kind
 * ('procedure' or 'condition').
 *
 * The delimiter is read from the header line (';' as Excel writes it in
 * Spanish locales, ',' or tab). Fields may be quoted ("..."), with "" for a
 * quote. The fee's decimal mark follows the delimiter unless given: with ';'
 * the decimal mark is ',' and '.' groups thousands ("12.000" is twelve
 * thousand, as a Chilean price list writes it); with ',' or tab it is '.'.
 * A currency sign and spaces are ignored; an empty fee means "not set".
 *
 * Parsing never throws: each bad row is reported with its line and column,
 * and the good rows are returned, so a practice can fix its file and retry.
 */

import { type Procedure, type ProcedureCategory, type ProcedureKind, PROCEDURE_CATEGORIES } from './catalog';
import { type AreaKind, type ToothState, AREA_KINDS, TOOTH_STATES } from '../chart/findings';

export const CSV_COLUMNS = ['code', 'name_es', 'name_en', 'area', 'surfaces_required', 'fee'] as const;
const OPTIONAL_COLUMNS = ['results_in', 'category', 'kind'] as const;

export type CsvErrorCode =
  | 'empty_file'
  | 'missing_column'
  | 'unterminated_quote'
  | 'code_required'
  | 'code_invalid'
  | 'duplicate_code'
  | 'name_required'
  | 'area_invalid'
  | 'surfaces_required_invalid'
  | 'surfaces_need_surface_area'
  | 'fee_invalid'
  | 'results_in_invalid'
  | 'category_invalid'
  | 'kind_invalid';

export interface CsvError {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  column: string | null;
  error: CsvErrorCode;
  value?: string;
}

export interface CsvParseResult {
  procedures: Procedure[];
  errors: CsvError[];
}

export interface CsvOptions {
  /** The fee's decimal mark; by default ',' when the file uses ';' and '.' otherwise. */
  decimal?: '.' | ',';
}

const AREA_SYNONYMS: Record<string, AreaKind> = {
  superficie: 'surface',
  diente: 'tooth',
  pieza: 'tooth',
  rango: 'range',
  puente: 'range',
  cuadrante: 'quadrant',
  sextante: 'sextant',
  arcada: 'arch',
  arco: 'arch',
  boca: 'mouth',
};

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'si', 'sí', 's', 'x']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '']);

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ';';
}

interface Record_ {
  line: number;
  fields: string[];
  unterminated: boolean;
}

/** RFC 4180 records, with the line each starts on; quoted fields may span lines. */
export function splitCsv(text: string, delimiter: string): Record_[] {
  const records: Record_[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: start, fields, unterminated: false });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (quoted) {
    fields.push(field);
    records.push({ line: start, fields, unterminated: true });
  } else if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Reads a fee; null for empty, undefined when it cannot be read. */
export function parseFee(raw: string, decimal: '.' | ','): number | null | undefined {
  const text = raw.replace(/[$€\s]|CLP|ARS|USD/gi, '');
  if (text === '') return null;
  const group = decimal === ',' ? '.' : ',';
  const d = decimal === ',' ? ',' : '\\.';
  const g = group === '.' ? '\\.' : ',';
  const grouped = new RegExp(`^\\d{1,3}(${g}\\d{3})+(${d}\\d+)?$`);
  const plain = new RegExp(`^\\d+(${d}\\d+)?$`);
  if (!grouped.test(text) && !plain.test(text)) return undefined;
  const value = Number(text.split(group).join('').replace(decimal, '.'));
  return Number.isFinite(value) ? value : undefined;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.\-_/]{0,23}$/;

export function parseProcedureCsv(text: string, options: CsvOptions = {}): CsvParseResult {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) return { procedures: [], errors: [{ line: 1, column: null, error: 'empty_file' }] };
  const delimiter = detectDelimiter(clean);
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const [header, ...rows] = splitCsv(clean, delimiter);
  const names = header!.fields.map((f) => f.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return { procedures: [], errors: missing.map((column) => ({ line: 1, column, error: 'missing_column' as const })) };
  const index = (column: string) => names.indexOf(column);

  const procedures: Procedure[] = [];
  const errors: CsvError[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    if (row.unterminated) {
      errors.push({ line: row.line, column: null, error: 'unterminated_quote' });
      continue;
    }
    const get = (column: string) => {
      const i = index(column);
      return i < 0 ? '' : (row.fields[i] ?? '').trim();
    };
    const rowErrors: CsvError[] = [];
    const bad = (column: string, error: CsvErrorCode) => rowErrors.push({ line: row.line, column, error, value: get(column) });

    const code = get('code');
    if (!code) bad('code', 'code_required');
    else if (!CODE_PATTERN.test(code)) bad('code', 'code_invalid');
    else if (seen.has(code.toUpperCase())) bad('code', 'duplicate_code');

    const es = get('name_es');
    const en = get('name_en');
    if (!es && !en) bad('name_es', 'name_required');

    const areaText = get('area').toLowerCase();
    const area = (AREA_KINDS as readonly string[]).includes(areaText) ? (areaText as AreaKind) : AREA_SYNONYMS[areaText];
    if (!area) bad('area', 'area_invalid');

    const surfacesText = get('surfaces_required').toLowerCase();
    const surfacesRequired = TRUE_WORDS.has(surfacesText) ? true : FALSE_WORDS.has(surfacesText) ? false : undefined;
    if (surfacesRequired === undefined) bad('surfaces_required', 'surfaces_required_invalid');
    else if (surfacesRequired && area && area !== 'surface') bad('surfaces_required', 'surfaces_need_surface_area');

    const fee = parseFee(get('fee'), decimal);
    if (fee === undefined) bad('fee', 'fee_invalid');

    const resultsText = get('results_in').toLowerCase();
    const resultsIn = resultsText === '' ? null : (TOOTH_STATES as readonly string[]).includes(resultsText) ? (resultsText as ToothState) : undefined;
    if (resultsIn === undefined) bad('results_in', 'results_in_invalid');

    const categoryText = get('category').toLowerCase();
    const category = categoryText === '' ? 'other' : (PROCEDURE_CATEGORIES as readonly string[]).includes(categoryText) ? (categoryText as ProcedureCategory) : undefined;
    if (category === undefined) bad('category', 'category_invalid');

    const kindText = get('kind').toLowerCase();
    const kind: ProcedureKind | undefined = kindText === '' || kindText === 'procedure' ? 'procedure' : kindText === 'condition' ? 'condition' : undefined;
    if (kind === undefined) bad('kind', 'kind_invalid');

    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    seen.add(code.toUpperCase());
    procedures.push({
      code,
      name: { es: es || en, en: en || es },
      kind: kind!,
      category: category!,
      area: area!,
      surfacesRequired: surfacesRequired!,
      resultsIn: resultsIn!,
      fee: fee!,
    });
  }
  return { procedures, errors };
}

function quote(field: string, delimiter: string): string {
  return /["\r\n]/.test(field) || field.includes(delimiter) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Writes a catalog in the import format (with results_in, category and kind), so an export reads back as the same list. */
export function procedureCsv(procedures: readonly Procedure[], options: { delimiter?: ';' | ',' | '\t' } & CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const header = [...CSV_COLUMNS, ...OPTIONAL_COLUMNS];
  const lines = [header.join(delimiter)];
  for (const p of procedures) {
    const fee = p.fee === null ? '' : String(p.fee).replace('.', decimal);
    const fields = [p.code, p.name.es, p.name.en, p.area, p.surfacesRequired ? 'true' : 'false', fee, p.resultsIn ?? '', p.category, p.kind];
    lines.push(fields.map((f) => quote(f, delimiter)).join(delimiter));
  }
  return `${lines.join('\r\n')}\r\n`;
}
