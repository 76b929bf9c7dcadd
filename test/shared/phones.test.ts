import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from '../../src/shared/patients/phones';

describe('phone numbers', () => {
  it('normalize what people type locally to E.164, with the practice country as default', () => {
    for (const input of ['9 8765 4321', '98765 4321', '+56 9 8765 4321', '+56987654321', '(+56) 9-8765-4321', ' 987654321 ']) {
      expect(normalizePhone(input, 'CL'), input).toBe('+56987654321');
    }
    expect(normalizePhone('2 2345 6789', 'CL')).toBe('+56223456789');
    expect(normalizePhone('+54 9 11 2345-6789', 'CL')).toBe('+5491123456789');
    expect(normalizePhone('55 1234 5678', 'MX')).toBe('+525512345678');
    expect(normalizePhone('612 34 56 78', 'ES')).toBe('+34612345678');
  });

  it('refuse what is not a real number of that country', () => {
    for (const input of ['123', '9 8765 432', '9 1234 5678', 'no tiene', '', '+56 1 2345 6789']) expect(normalizePhone(input, 'CL'), input).toBeNull();
  });

  it('show numbers of the practice country nationally and the rest internationally', () => {
    expect(formatPhone('+56987654321', 'CL')).toBe('9 8765 4321');
    expect(formatPhone('+56223456789', 'CL')).toBe('(2) 2345 6789');
    expect(formatPhone('+56987654321', 'AR')).toBe('+56 9 8765 4321');
    expect(formatPhone('not a number', 'CL')).toBe('not a number');
  });

  it('give back the same E.164 from its own formatted forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 30_000_000, max: 99_999_999 }), (n) => {
        const e164 = normalizePhone(`9${n}`, 'CL');
        fc.pre(e164 !== null);
        expect(normalizePhone(formatPhone(e164!, 'CL'), 'CL')).toBe(e164);
        expect(normalizePhone(formatPhone(e164!, 'US'), 'US')).toBe(e164);
      }),
    );
  });
});
