import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRut, normalizeRut, rutCheckDigit } from '../../src/shared/identity/rut';

describe('the Chilean RUT', () => {
  it('computes the modulo-11 check digit, with K and 0', () => {
    expect(rutCheckDigit('12345678')).toBe('5');
    expect(rutCheckDigit('11111111')).toBe('1');
    expect(rutCheckDigit('10000013')).toBe('K');
    expect(rutCheckDigit('6')).toBe('K');
    expect(rutCheckDigit('10000004')).toBe('0');
  });

  it('accepts dots, dash, spaces and lower-case k, and stores one form', () => {
    for (const input of ['12.345.678-5', '12345678-5', '123456785', ' 12 345 678 5 ']) expect(normalizeRut(input)).toBe('12345678-5');
    expect(normalizeRut('10.000.013-k')).toBe('10000013-K');
    expect(formatRut('12345678-5')).toBe('12.345.678-5');
    expect(formatRut('6-K')).toBe('6-K');
  });

  it('rejects a wrong check digit or a malformed input', () => {
    for (const input of ['12.345.678-4', '12345678-K', 'abc', '', '-', '1234567890-1']) expect(normalizeRut(input)).toBeNull();
  });

  it('round-trips every body through format and normalize', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (n) => {
        const normalized = `${n}-${rutCheckDigit(String(n))}`;
        expect(normalizeRut(formatRut(normalized))).toBe(normalized);
      }),
    );
  });
});
