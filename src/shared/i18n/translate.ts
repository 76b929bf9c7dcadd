import type { Language } from './languages';
import { en } from './en';
import { es } from './es';
import { formatMessageNumber } from './numbers';

export const CATALOGS = { es, en } as const;

/**
 * Looks a dotted key up in a catalog and fills `{{name}}` placeholders
 * (`{{name, number}}` written as the language writes numbers). For
 * code outside React (the admin commands, the PDFs); the renderer uses i18next
 * over the same catalogs. A numeric `count` picks the plural form the way
 * i18next does (`key_one`, `key_other`, by Intl.PluralRules), so a message
 * reads the same whichever side says it. Returns null for a key the catalog lacks.
 */
export function translate(language: Language, key: string, params: Record<string, string | number> = {}): string | null {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node: unknown = CATALOGS[language];
  for (const part of parts) {
    if (typeof node !== 'object' || node === null || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'object' || node === null) return null;
  const entries = node as Record<string, unknown>;
  const count = params.count;
  const forms = typeof count === 'number' ? [`${last}_${new Intl.PluralRules(language).select(count)}`, `${last}_other`, last] : [last, `${last}_other`];
  const text = forms.map((form) => entries[form]).find((value): value is string => typeof value === 'string');
  if (text === undefined) return null;
  return text.replace(/\{\{\s*(\w+)\s*(?:,\s*(number)\s*)?\}\}/g, (_, name: string, format?: string) => {
    const value = params[name];
    return format && typeof value === 'number' ? formatMessageNumber(language, value) : String(value ?? '');
  });
}
