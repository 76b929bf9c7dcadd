import type { Language } from './languages';
import { en } from './en';
import { es } from './es';

export const CATALOGS = { es, en } as const;

/**
 * Looks a dotted key up in a catalog and fills `{{name}}` placeholders. For
 * code outside React (the admin commands); the renderer uses i18next over the
 * same catalogs. Returns null for a key the catalog lacks.
 */
export function translate(language: Language, key: string, params: Record<string, string | number> = {}): string | null {
  let node: unknown = CATALOGS[language];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'string') return null;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
