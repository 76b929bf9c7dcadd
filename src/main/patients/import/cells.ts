import type { Cell } from './spreadsheet';

/**
 * Cell values as text. A leading apostrophe that guards a formula character
 * ("'+56 9 ...", which our own export writes so Excel does not evaluate the
 * cell) is dropped, as Excel itself does.
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoFromUtcDate(cell) ?? '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  const text = cell.replace(/\u00a0/g, ' ').trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoFromUtcDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function validIso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000 || year > 9999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return isoFromUtcDate(date);
}

/** Excel's 1900 date system: serial 1 is 1900-01-01, with Lotus's phantom 1900-02-29 (serial 60) before March. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const days = Math.floor(serial);
  const ms = Date.UTC(1899, 11, days < 60 ? 31 : 30) + days * 86_400_000;
  return isoFromUtcDate(new Date(ms));
}

const MONTHS: Record<string, number> = {
  ene: 1, enero: 1, jan: 1, january: 1,
  feb: 2, febrero: 2, february: 2,
  mar: 3, marzo: 3, march: 3,
  abr: 4, abril: 4, apr: 4, april: 4,
  may: 5, mayo: 5,
  jun: 6, junio: 6, june: 6,
  jul: 7, julio: 7, july: 7,
  ago: 8, agosto: 8, aug: 8, august: 8,
  sep: 9, sept: 9, set: 9, septiembre: 9, setiembre: 9, september: 9,
  oct: 10, octubre: 10, october: 10,
  nov: 11, noviembre: 11, november: 11,
  dic: 12, diciembre: 12, dec: 12, december: 12,
};

export interface DateContext {
  /** Today, YYYY-MM-DD: two-digit years that would land after it go back a century. */
  today: string;
  /** Month before day (US practices); everyone else writes the day first. */
  monthFirst: boolean;
}

/** A two-digit year is a birth year in the past: "85" is 1985, "07" is 2007 unless that date is still to come. */
function fullYear(year: string, month: number, day: number, ctx: DateContext): number {
  if (year.length !== 2) return Number(year);
  const yy = Number(year);
  const recent = `${2000 + yy}-${pad(month)}-${pad(day)}`;
  return recent <= ctx.today ? 2000 + yy : 1900 + yy;
}

/**
 * A birth date as people type it in spreadsheets: 1985-03-12, 12/03/1985,
 * 12-03-1985, 12.3.85, "12-mar-1985", "12 de marzo de 1985", an Excel serial
 * (33310) or an XLSX date cell. Returns YYYY-MM-DD, or null when it cannot be
 * read as a real date.
 */
export function parseBirthDate(cell: Cell | undefined, ctx: DateContext): string | null {
  if (cell instanceof Date) return isoFromUtcDate(cell);
  if (typeof cell === 'number') return excelSerialToIso(cell);
  const text = cellText(cell).toLowerCase();
  if (text === '') return null;

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));

  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [day, month] = ctx.monthFirst ? [b, a] : [a, b];
    return validIso(fullYear(m[3]!, month, day, ctx), month, day);
  }

  m = /^(\d{1,2})(?:[-/. ]+|\s+de\s+)([a-zñ]+)\.?(?:[-/. ]+|\s+de\s+)(\d{2}|\d{4})$/.exec(text);
  if (m && MONTHS[m[2]!]) {
    const month = MONTHS[m[2]!]!;
    const day = Number(m[1]);
    return validIso(fullYear(m[3]!, month, day, ctx), month, day);
  }

  // An Excel serial that reached a CSV as a number: five digits (1927-2173); four could be a bare year.
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return excelSerialToIso(Number(text));
  return null;
}

export type Sex = 'female' | 'male' | 'intersex';

const SEX_WORDS: Record<string, Sex | null> = {
  f: 'female', fem: 'female', femenino: 'female', femenina: 'female', mujer: 'female', female: 'female', woman: 'female', w: 'female',
  m: 'male', masc: 'male', masculino: 'male', hombre: 'male', h: 'male', varon: 'male', male: 'male', man: 'male',
  intersex: 'intersex', intersexual: 'intersex',
  // Ways of saying "not recorded": imported as no value.
  '': null, '-': null, '?': null, 'n/a': null, na: null, 'no informa': null, 'sin informacion': null, 's/i': null, 'no sabe': null,
  'no especifica': null, 'unknown': null,
};

/** The sex in the contract's terms; undefined when the text is not one of the known words. */
export function parseSex(cell: Cell | undefined): Sex | null | undefined {
  const key = cellText(cell)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\.$/, '')
    .trim();
  return Object.hasOwn(SEX_WORDS, key) ? SEX_WORDS[key] : undefined;
}

/** Surname particles that belong to the following word: "de la Fuente", "Del Río", "San Martín", "van der Berg". */
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'da', 'das', 'do', 'dos', 'di', 'van', 'von', 'der', 'den', 'san', 'santa']);

/** Words of a name, with particles joined to the word they introduce. */
export function nameTokens(text: string): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const tokens: string[] = [];
  let pending: string[] = [];
  for (const word of words) {
    pending.push(word);
    if (!PARTICLES.has(word.toLowerCase().replace(/\.$/, ''))) {
      tokens.push(pending.join(' '));
      pending = [];
    }
  }
  if (pending.length) {
    if (tokens.length) tokens[tokens.length - 1] += ` ${pending.join(' ')}`;
    else tokens.push(pending.join(' '));
  }
  return tokens;
}

/** "Pérez Soto" → first "Pérez", second "Soto"; "de la Fuente Soto" → "de la Fuente", "Soto"; one token stays first. */
export function splitSurnames(text: string): { firstSurname: string; secondSurname: string } {
  const tokens = nameTokens(text);
  if (tokens.length <= 1) return { firstSurname: tokens[0] ?? '', secondSurname: '' };
  return { firstSurname: tokens[0]!, secondSurname: tokens.slice(1).join(' ') };
}

/**
 * A whole name in one cell, split the Hispanic way: "Pérez Soto, Ana María"
 * (surnames before a comma), or "Ana María Pérez Soto" (with three or more
 * words the last two are the surnames; with two, given name and first
 * surname). It cannot tell "María José Pérez" (one surname) from
 * "José Pérez Soto"; staff can fix the odd one in the panel.
 */
export function splitFullName(text: string): { givenNames: string; firstSurname: string; secondSurname: string } {
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const { firstSurname, secondSurname } = splitSurnames(text.slice(0, comma));
    return { givenNames: text.slice(comma + 1).trim().replace(/\s+/g, ' '), firstSurname, secondSurname };
  }
  const tokens = nameTokens(text);
  if (tokens.length >= 3) {
    return { givenNames: tokens.slice(0, -2).join(' '), firstSurname: tokens[tokens.length - 2]!, secondSurname: tokens[tokens.length - 1]! };
  }
  if (tokens.length === 2) return { givenNames: tokens[0]!, firstSurname: tokens[1]!, secondSurname: '' };
  return { givenNames: tokens[0] ?? '', firstSurname: '', secondSurname: '' };
}

/** Several phones in one cell: "9 8765 4321 / 2 2345 6789", "...; ...", "... y ...". */
export function splitPhones(text: string): string[] {
  return text
    .split(/\s*(?:[/;|,]|\s+y\s+|\s+o\s+|\s+or\s+)\s*/i)
    .map((p) => p.trim())
    .filter((p) => /\d/.test(p));
}
