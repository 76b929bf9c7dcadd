import Papa from 'papaparse';
import { parseFee } from '../procedures/csv';
import type { Coverage } from './rules';

/**
 * A price list as CSV, for one fee schedule.
 *
 * Header (any order, case-insensitive): code;fee with an optional coverage
 * column: "70%" (a percent of the fee) or an amount ("5.000"). The delimiter
 * is detected (';' as Spanish Excel writes, ',' or tab); amounts follow the
 * procedure catalog's rule: with ';' the decimal mark is ',' and '.' groups
 * thousands. Amounts are in major units and become minor units with the
 * currency's digits. Parsing never throws: bad rows are reported with their
 * line and column, good rows are returned.
 */

export type FeeCsvError = 'empty_file' | 'missing_column' | 'code_required' | 'unknown_code' | 'duplicate_code' | 'fee_invalid' | 'coverage_invalid';

export interface FeeCsvProblem {
  line: number;
  column: string | null;
  error: FeeCsvError;
  value?: string;
}

export interface FeeCsvRow {
  line: number;
  code: string;
  feeMinor: number | null;
  coverage: Coverage;
}

const HEADER_ALIASES: Record<string, string> = {
  code: 'code',
  codigo: 'code',
  código: 'code',
  fee: 'fee',
  price: 'fee',
  precio: 'fee',
  arancel: 'fee',
  valor: 'fee',
  coverage: 'coverage',
  cobertura: 'coverage',
  bonificacion: 'coverage',
  bonificación: 'coverage',
};

export function parseFeeCsv(text: string, options: { knownCode: (code: string) => string | undefined; minorDigits: number; decimal?: '.' | ',' }): { rows: FeeCsvRow[]; errors: FeeCsvProblem[] } {
  const clean = text.replace(/^\uFEFF/, '');
  if (!clean.trim()) return { rows: [], errors: [{ line: 1, column: null, error: 'empty_file' }] };
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy', delimitersToGuess: [';', ',', '\t'] });
  const delimiter = parsed.meta.delimiter;
  const decimal = options.decimal ?? (delimiter === ';' ? ',' : '.');
  const [header, ...records] = parsed.data;
  const columns = (header ?? []).map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? h.trim().toLowerCase());
  const errors: FeeCsvProblem[] = [];
  for (const needed of ['code', 'fee']) if (!columns.includes(needed)) errors.push({ line: 1, column: needed, error: 'missing_column' });
  if (errors.length) return { rows: [], errors };
  const at = (name: string) => columns.indexOf(name);
  const rows: FeeCsvRow[] = [];
  const seen = new Set<string>();
  // Papaparse drops empty lines; its cursor gives each row's real line for the report.
  let line = 1;
  const lineStarts = lineNumbers(clean);
  records.forEach((record, i) => {
    line = lineStarts[i + 1] ?? line + 1;
    const get = (name: string) => (at(name) >= 0 ? (record[at(name)] ?? '').trim() : '');
    const bad = (column: string, error: FeeCsvError, value?: string) => errors.push({ line, column, error, ...(value !== undefined ? { value } : {}) });
    const rawCode = get('code');
    if (!rawCode) return bad('code', 'code_required');
    const code = options.knownCode(rawCode);
    if (!code) return bad('code', 'unknown_code', rawCode);
    if (seen.has(code.toUpperCase())) return bad('code', 'duplicate_code', rawCode);
    const fee = parseFee(get('fee'), decimal);
    if (fee === undefined || (fee !== null && !Number.isSafeInteger(Math.round(fee * 10 ** options.minorDigits)))) return bad('fee', 'fee_invalid', get('fee'));
    const feeMinor = fee === null ? null : Math.round(fee * 10 ** options.minorDigits);
    const coverage = parseCoverage(get('coverage'), decimal, options.minorDigits);
    if (!coverage) return bad('coverage', 'coverage_invalid', get('coverage'));
    seen.add(code.toUpperCase());
    rows.push({ line, code, feeMinor, coverage });
  });
  return { rows, errors };
}

/** "70%" → percent 70; "5.000" → a fixed amount; empty → none; anything else → null. */
export function parseCoverage(raw: string, decimal: '.' | ',', minorDigits: number): Coverage | null {
  const text = raw.trim();
  if (!text) return { kind: 'none', value: 0 };
  const percent = /^(\d{1,3})\s*%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    return value <= 100 ? { kind: 'percent', value } : null;
  }
  const amount = parseFee(text, decimal);
  if (amount === undefined || amount === null) return null;
  return { kind: 'fixed', value: Math.round(amount * 10 ** minorDigits) };
}

/** The 1-based line each non-empty CSV record starts on (quoted line breaks kept inside their record). */
function lineNumbers(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuote = false;
  let recordStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (recordStart && !/\s/.test(ch)) {
      starts.push(line);
      recordStart = false;
    }
    if (ch === '"') inQuote = !inQuote;
    else if (ch === '\n') {
      line++;
      if (!inQuote) recordStart = true;
    }
  }
  return starts;
}
