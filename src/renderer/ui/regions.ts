import { COUNTRIES, CURRENCIES } from '../../shared/practice/regions';
import type { Language } from '../../shared/i18n/languages';

export interface Option {
  value: string;
  label: string;
}

function displayNames(language: Language, type: 'region' | 'currency') {
  try {
    return new Intl.DisplayNames([language], { type, fallback: 'code' });
  } catch {
    return null;
  }
}

export function countryName(code: string, language: Language): string {
  return displayNames(language, 'region')?.of(code) ?? code;
}

/** The offered countries, named in the user's language and sorted as they read them. */
export function countryOptions(language: Language): Option[] {
  return COUNTRIES.map((c) => ({ value: c.code, label: countryName(c.code, language) })).sort((a, b) =>
    a.label.localeCompare(b.label, language),
  );
}

export function currencyName(code: string, language: Language): string {
  const name = displayNames(language, 'currency')?.of(code);
  return name && name !== code ? `${code} · ${name}` : code;
}

/** The region's currencies first, then every other ISO 4217 code ICU knows. */
export function currencyOptions(language: Language, current: string): { common: Option[]; others: Option[] } {
  const common = new Set<string>(CURRENCIES);
  if (current) common.add(current);
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  const toOption = (code: string) => ({ value: code, label: currencyName(code, language) });
  return {
    common: [...common].sort().map(toOption),
    others: all.filter((code) => !common.has(code)).map(toOption),
  };
}

export interface ZoneGroup {
  region: string;
  zones: Option[];
}

let zoneCache: ZoneGroup[] | null = null;

function offsetLabel(zone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

function zoneLabel(zone: string): string {
  const city = zone.includes('/') ? zone.slice(zone.indexOf('/') + 1) : zone;
  const offset = offsetLabel(zone);
  return `${city.replaceAll('_', ' ').replaceAll('/', ' / ')}${offset ? ` (${offset})` : ''}`;
}

/**
 * Every IANA zone ICU knows, grouped by region. Built once: formatting ~400
 * offsets costs tens of milliseconds, too much for every render.
 */
export function timeZoneGroups(): ZoneGroup[] {
  if (zoneCache) return zoneCache;
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const groups = new Map<string, Option[]>();
  for (const zone of zones) {
    const region = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'Etc';
    const list = groups.get(region) ?? [];
    list.push({ value: zone, label: zoneLabel(zone) });
    groups.set(region, list);
  }
  zoneCache = [...groups].map(([region, list]) => ({ region, zones: list }));
  return zoneCache;
}

/**
 * ICU lists canonical ids ("America/Buenos_Aires") while the defaults use the
 * current IANA names ("America/Argentina/Buenos_Aires"), so the selected zone
 * may be missing from the list; it is offered on its own then.
 */
export function extraZone(current: string): Option | null {
  if (!current || timeZoneGroups().some((g) => g.zones.some((z) => z.value === current))) return null;
  return { value: current, label: zoneLabel(current) };
}
