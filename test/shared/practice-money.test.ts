import { describe, expect, it } from 'vitest';
import { currencyMinorDigits, practiceMoney } from '../../src/shared/practice/money';

describe('practice money', () => {
  const clp = practiceMoney({ language: 'es', country: 'CL', currency: 'CLP' });
  const clpInEnglish = practiceMoney({ language: 'en', country: 'CL', currency: 'CLP' });
  const usd = practiceMoney({ language: 'en', country: 'US', currency: 'USD' });
  const ars = practiceMoney({ language: 'es', country: 'AR', currency: 'ARS' });

  it('knows each currency’s minor digits from ICU', () => {
    expect([currencyMinorDigits('CLP'), currencyMinorDigits('USD'), currencyMinorDigits('EUR')]).toEqual([0, 2, 2]);
  });

  it('writes amounts the practice’s country’s way, in either language', () => {
    expect(clp.format(12500)).toBe('$12.500');
    expect(clpInEnglish.format(12500)).toBe('$12.500');
    expect(usd.format(12550)).toBe('$125.50');
    expect(ars.plain(1234550)).toBe('12.345,50');
  });

  it('reads what people type as integer minor units, refusing what is not an amount', () => {
    expect(clp.parse('12.500')).toBe(12500);
    expect(clp.parse('$ 12500')).toBe(12500);
    expect(clp.parse('12,5')).toBeNull(); // CLP has no decimals
    expect(usd.parse('1,250.55')).toBe(125055);
    expect(usd.parse('125.5')).toBe(12550);
    expect(ars.parse('1.234,5')).toBe(123450);
    expect(clp.parse('abc')).toBeNull();
    expect(clp.parse('-3.000')).toBe(-3000);
  });

  it('round-trips every amount it writes', () => {
    for (const minor of [0, 1, 99, 100, 12345, 9_999_999]) {
      expect(usd.parse(usd.plain(minor))).toBe(minor);
      expect(clp.parse(clp.format(minor))).toBe(minor);
    }
  });
});
