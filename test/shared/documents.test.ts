import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDocumentType, formatDocument, normalizeDocument } from '../../src/shared/identity/documents';
import { rutCheckDigit } from '../../src/shared/identity/rut';

describe('identity documents', () => {
  it('check the Chilean RUT by its modulo-11 digit, with or without dots, dash and lower-case k', () => {
    for (const input of ['12.345.678-5', '12345678-5', '123456785', '12 345 678 5']) expect(normalizeDocument('RUT', input)).toBe('12345678-5');
    expect(normalizeDocument('RUT', '10.000.013-k')).toBe('10000013-K');
    expect(normalizeDocument('RUT', '12.345.678-9')).toBeNull();
    expect(formatDocument('RUT', '12345678-5')).toBe('12.345.678-5');
  });

  it("check Mexico's CURP, its state code and its check digit", () => {
    expect(normalizeDocument('CURP', 'boxw310820hnerxn09')).toBe('BOXW310820HNERXN09');
    expect(normalizeDocument('CURP', 'BOXW310820HNERXN08')).toBeNull();
    expect(normalizeDocument('CURP', 'BOXW310820HZZRXN09')).toBeNull();
    expect(normalizeDocument('CURP', 'BOXW31082')).toBeNull();
  });

  it("check Uruguay's cédula by its verification digit", () => {
    expect(normalizeDocument('CI_UY', '1.234.567-2')).toBe('1234567-2');
    expect(normalizeDocument('CI_UY', '12345672')).toBe('1234567-2');
    expect(normalizeDocument('CI_UY', '1.234.567-3')).toBeNull();
    expect(normalizeDocument('CI_UY', '4.567.890-5')).toBe('4567890-5');
  });

  it("check Spain's DNI and NIE by their letter", () => {
    expect(normalizeDocument('DNI_ES', '12345678z')).toBe('12345678Z');
    expect(normalizeDocument('DNI_ES', '12345678-A')).toBeNull();
    expect(normalizeDocument('DNI_ES', 'X1234567L')).toBe('X1234567L');
    expect(normalizeDocument('DNI_ES', 'Y-1234567-X')).toBe('Y1234567X');
  });

  it('keep other documents as typed, compacted, within sane lengths', () => {
    expect(normalizeDocument('DNI', '12.345.678')).toBe('12345678');
    expect(formatDocument('DNI', '12345678')).toBe('12.345.678');
    expect(normalizeDocument('PASSPORT', ' ab  123456 ')).toBe('AB 123456');
    expect(normalizeDocument('OTHER', 'x')).toBeNull();
    expect(defaultDocumentType('CL')).toBe('RUT');
    expect(defaultDocumentType('UY')).toBe('CI_UY');
  });

  it('accept exactly one check digit for every RUT body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 99_999_999 }), fc.constantFrom(...'0123456789K'), (body, digit) => {
        const valid = rutCheckDigit(String(body)) === digit;
        expect(normalizeDocument('RUT', `${body}-${digit}`) !== null).toBe(valid);
      }),
    );
  });
});
