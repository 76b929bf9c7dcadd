import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { AppError } from '../../../shared/contract/errors';
import { IMPORT_FILE_MAX_BYTES } from '../../../shared/contract/limits';

/** A cell as read: CSV gives text; XLSX also gives numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based, counting the header and any blank rows, as the spreadsheet shows it. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  /** How the text was decoded ('xlsx' files are always UTF-8 inside). */
  encoding: string;
  headers: string[];
  /** Data rows, blank ones left out. */
  rows: SheetRow[];
}

/** Big enough for any practice's patient list (the large demo has 60,000), small enough to validate in seconds. */
export const MAX_IMPORT_ROWS = 100_000;
export const MAX_IMPORT_BYTES = IMPORT_FILE_MAX_BYTES;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The OLE2 container of Excel 97-2003 `.xls` files, which this reader does not read. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const DELIMITERS = [',', ';', '\t'] as const;

const fail = (messageKey: string) => new AppError('VALIDATION', messageKey, { fields: { file: messageKey } });

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

export function decodeBase64(contentBase64: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw fail('validation.importEmpty');
  if (bytes.length > MAX_IMPORT_BYTES) throw fail('validation.importTooLarge');
  return bytes;
}

/**
 * Decodes a CSV the way Excel and Google Sheets write them: UTF-8 with a BOM
 * (Excel's "CSV UTF-8"), UTF-16 with a BOM (Excel's "Unicode text"), plain
 * UTF-8 (Google Sheets, LibreOffice), or else the Windows ANSI code page,
 * which is windows-1252 for Spanish and English Windows (Excel's plain "CSV").
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Text files hold no NULs and few control characters; PDFs, images and the like do. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  if (head.length === 0) return false;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0) return true;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) control++;
  }
  return control / head.length > 0.01;
}

/**
 * The delimiter that splits the first rows into the same number of columns
 * (more than one), preferring the one that gives the most columns. Spanish
 * Excel writes ';' (the comma is the decimal separator), others ',', and
 * "Unicode text" uses tabs.
 */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best: { delimiter: string; consistency: number; columns: number } = { delimiter: ',', consistency: -1, columns: 0 };
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 30 }).data.filter((r) => r.some((c) => c.trim() !== ''));
    if (rows.length === 0) continue;
    const columns = rows[0]!.length;
    if (columns < 2) continue;
    // The last sampled row may be cut short by the sample's end; it does not count against consistency.
    const judged = rows.length > 1 && sample.length < text.length ? rows.slice(0, -1) : rows;
    const consistency = judged.filter((r) => r.length === columns).length / judged.length;
    if (consistency > best.consistency || (consistency === best.consistency && columns > best.columns)) best = { delimiter, consistency, columns };
  }
  return best.delimiter;
}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** Header text as the user sees it. */
function headerText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).replace(/^\uFEFF/, '').trim();
}

/** Splits raw rows into headers (the first non-blank row) and numbered, non-blank data rows. */
function toSheet(format: Sheet['format'], encoding: string, raw: Cell[][]): Sheet {
  const numbered = raw.map((cells, i) => ({ row: i + 1, cells })).filter((r) => !r.cells.every(isBlank));
  const [header, ...rows] = numbered;
  if (!header || rows.length === 0) throw fail('validation.importEmpty');
  if (rows.length > MAX_IMPORT_ROWS) throw fail('validation.importTooLarge');
  const width = Math.max(header.cells.length, ...rows.slice(0, 50).map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, i) => headerText(header.cells[i]));
  return { format, encoding, headers, rows };
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  let data: Cell[][];
  try {
    // The typings call date cells `typeof Date`; at run time they are Date instances.
    data = (await readSheet(bytes)) as unknown as Cell[][];
  } catch {
    throw fail('validation.importUnreadable');
  }
  return toSheet('xlsx', 'utf-8', data);
}

function readCsv(bytes: Buffer): Sheet {
  const { text, encoding } = decodeText(bytes);
  if (looksBinary(text)) throw fail('validation.importUnreadable');
  if (text.trim() === '') throw fail('validation.importEmpty');
  // Files written for Excel may name their delimiter on a first line that Excel hides: "sep=;".
  const hint = /^sep=(.)\r?\n/i.exec(text);
  const body = hint ? text.slice(hint[0].length) : text;
  const parsed = Papa.parse<string[]>(body, { delimiter: hint ? hint[1] : detectDelimiter(body) });
  return toSheet('csv', encoding, parsed.data);
}

/** Reads an uploaded file, CSV or XLSX by its first bytes, whatever its name says. */
export async function readSpreadsheet(bytes: Buffer): Promise<Sheet> {
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes);
  if (startsWith(bytes, OLE_MAGIC)) throw fail('validation.importLegacyXls');
  return readCsv(bytes);
}
