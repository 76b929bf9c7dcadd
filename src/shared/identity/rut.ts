/**
 * Chile's RUT: a body of digits and a modulo-11 check digit (0-9 or K).
 * Stored normalized as "12345678-5"; shown as "12.345.678-5".
 */
export function rutCheckDigit(body: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = body.length - 1; i >= 0; i--) {
    sum += Number(body[i]) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const dv = 11 - (sum % 11);
  return dv === 11 ? '0' : dv === 10 ? 'K' : String(dv);
}

/** Accepts dots, dash, spaces and lower-case k; returns "body-DV" or null if malformed or the digit is wrong. */
export function normalizeRut(input: string): string | null {
  const compact = input.replace(/[.\s-]/g, '').toUpperCase();
  const match = /^(\d{1,9})([\dK])$/.exec(compact);
  if (!match) return null;
  const body = match[1]!.replace(/^0+(?=\d)/, '');
  return rutCheckDigit(body) === match[2] ? `${body}-${match[2]}` : null;
}

export function formatRut(normalized: string): string {
  const [body = '', dv = ''] = normalized.split('-');
  return `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${dv}`;
}
