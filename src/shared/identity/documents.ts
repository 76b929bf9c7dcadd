import { formatRut, normalizeRut } from './rut';

/**
 * Identity documents. Chile's RUT, Mexico's CURP, Uruguay's CI and Spain's DNI
 * have public check algorithms and are validated; the rest are free-form.
 */
export const DOCUMENT_TYPES = ['RUT', 'CURP', 'CI_UY', 'DNI_ES', 'DNI', 'PASSPORT', 'OTHER'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The document a practice in this country asks for first. */
export function defaultDocumentType(country: string): DocumentType {
  switch (country) {
    case 'CL':
      return 'RUT';
    case 'MX':
      return 'CURP';
    case 'UY':
      return 'CI_UY';
    case 'ES':
      return 'DNI_ES';
    case 'US':
      return 'PASSPORT';
    default:
      return 'DNI';
  }
}

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

function normalizeCurp(input: string): string | null {
  const curp = input.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX](AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$/.test(curp)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(curp[i]!) * (18 - i);
  return (10 - (sum % 10)) % 10 === Number(curp[17]) ? curp : null;
}

function normalizeUruguayCi(input: string): string | null {
  const digits = input.replace(/[.\s-]/g, '');
  if (!/^\d{7,8}$/.test(digits)) return null;
  const padded = digits.padStart(8, '0');
  const weights = [2, 9, 8, 7, 6, 3, 4];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(padded[i]), 0);
  return (10 - (sum % 10)) % 10 === Number(padded[7]) ? `${Number(padded.slice(0, 7))}-${padded[7]}` : null;
}

function normalizeSpanishDni(input: string): string | null {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  const match = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(compact);
  if (!match) return null;
  const prefix = { '': '', X: '0', Y: '1', Z: '2' }[match[1] as '' | 'X' | 'Y' | 'Z'];
  const letter = 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(prefix + match[2]) % 23];
  return letter === match[3] ? compact : null;
}

/** The stored form of a document number, or null when it is malformed or its check digit is wrong. */
export function normalizeDocument(type: DocumentType, input: string): string | null {
  const trimmed = input.trim();
  switch (type) {
    case 'RUT':
      return normalizeRut(trimmed);
    case 'CURP':
      return normalizeCurp(trimmed);
    case 'CI_UY':
      return normalizeUruguayCi(trimmed);
    case 'DNI_ES':
      return normalizeSpanishDni(trimmed);
    case 'DNI': {
      const digits = trimmed.replace(/[.\s-]/g, '');
      return /^\d{6,10}$/.test(digits) ? digits : null;
    }
    default: {
      const compact = trimmed.replace(/\s+/g, ' ').toUpperCase();
      return compact.length >= 3 && compact.length <= 30 ? compact : null;
    }
  }
}

/** How a stored document number is shown. */
export function formatDocument(type: string, normalized: string): string {
  if (type === 'RUT') return formatRut(normalized);
  if (type === 'DNI' && /^\d{7,8}$/.test(normalized)) return normalized.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return normalized;
}
