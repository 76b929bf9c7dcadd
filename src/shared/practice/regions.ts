/**
 * Countries the first-run screen offers, with the time zone and currency a
 * practice there most likely uses. They are only defaults: the admin can pick
 * any IANA zone and ISO 4217 currency.
 */
export interface CountryDefaults {
  code: string;
  timeZone: string;
  currency: string;
}

export const COUNTRIES: readonly CountryDefaults[] = [
  { code: 'CL', timeZone: 'America/Santiago', currency: 'CLP' },
  { code: 'AR', timeZone: 'America/Argentina/Buenos_Aires', currency: 'ARS' },
  { code: 'BO', timeZone: 'America/La_Paz', currency: 'BOB' },
  { code: 'CO', timeZone: 'America/Bogota', currency: 'COP' },
  { code: 'CR', timeZone: 'America/Costa_Rica', currency: 'CRC' },
  { code: 'EC', timeZone: 'America/Guayaquil', currency: 'USD' },
  { code: 'ES', timeZone: 'Europe/Madrid', currency: 'EUR' },
  { code: 'GT', timeZone: 'America/Guatemala', currency: 'GTQ' },
  { code: 'MX', timeZone: 'America/Mexico_City', currency: 'MXN' },
  { code: 'PA', timeZone: 'America/Panama', currency: 'USD' },
  { code: 'PE', timeZone: 'America/Lima', currency: 'PEN' },
  { code: 'PY', timeZone: 'America/Asuncion', currency: 'PYG' },
  { code: 'DO', timeZone: 'America/Santo_Domingo', currency: 'DOP' },
  { code: 'UY', timeZone: 'America/Montevideo', currency: 'UYU' },
  { code: 'US', timeZone: 'America/New_York', currency: 'USD' },
];

export const COUNTRY_CODES = COUNTRIES.map((c) => c.code) as [string, ...string[]];

export const CURRENCIES = [...new Set(COUNTRIES.map((c) => c.currency))].sort() as [string, ...string[]];

export function countryDefaults(code: string): CountryDefaults | undefined {
  return COUNTRIES.find((c) => c.code === code);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export { currencyMinorDigits } from './money';
