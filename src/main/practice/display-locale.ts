import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';

/*
 * The locale Chromium runs in under Electron (its `--lang`), from the
 * practice: Spanish in Chile is "es-CL". It must be set before Electron is
 * ready, long before the encrypted database is open, so the last one is kept
 * beside it in the clear. It names a language and a country, nothing about a
 * patient. The app's own screens write dates, times and money through the
 * practice helpers whatever this says; it is for what Chromium draws itself
 * (spellcheck, context menus, `navigator.language`).
 */

export const DISPLAY_LOCALE_FILE = 'display-locale.json';
const LOCALE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const fileSchema = z.object({ locale: z.string().regex(LOCALE) });

/** "es" + "CL" → "es-CL"; a language alone when the country is not a region code. */
export function practiceDisplayLocale(language: string, country: string): string {
  const tag = /^[A-Z]{2}$/.test(country) ? `${language}-${country}` : language;
  return LOCALE.test(tag) ? tag : 'es';
}

/** The locale kept in the practice folder, or null when none is (a first run) or it is unreadable. */
export function readDisplayLocale(dataDir: string): string | null {
  const path = join(dataDir, DISPLAY_LOCALE_FILE);
  if (!existsSync(path)) return null;
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data.locale : null;
  } catch {
    return null;
  }
}

/** Keeps the practice's locale for the next start; writes only when it changed. */
export function rememberDisplayLocale(dataDir: string, locale: string): void {
  if (readDisplayLocale(dataDir) === locale) return;
  writeFileAtomic(join(dataDir, DISPLAY_LOCALE_FILE), JSON.stringify({ locale }));
}
