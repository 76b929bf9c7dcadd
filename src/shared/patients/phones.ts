import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phones are stored in E.164 ("+56912345678"), parsed from what people type
 * locally ("9 1234 5678", "(02) 2345 6789") with the practice's country as
 * the default, by libphonenumber's metadata rather than hand-written rules.
 */
export function normalizePhone(input: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** National format for numbers of the practice's own country, international for the rest. */
export function formatPhone(e164: string, practiceCountry: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === practiceCountry ? parsed.formatNational() : parsed.formatInternational();
}
