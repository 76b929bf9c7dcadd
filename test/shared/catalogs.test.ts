import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/contract/errors';
import { CATALOGS, translate } from '../../src/shared/i18n/translate';

function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the message catalogs', () => {
  it('have the same keys in Spanish and English, none empty', () => {
    expect(keysOf(CATALOGS.en).sort()).toEqual(keysOf(CATALOGS.es).sort());
    for (const language of ['es', 'en'] as const) {
      for (const key of keysOf(CATALOGS[language])) expect(translate(language, key)?.trim(), `${language}:${key}`).toBeTruthy();
    }
  });

  it('translate every error code', () => {
    for (const code of ERROR_CODES) {
      expect(translate('es', `errors.${code}`), code).not.toBeNull();
      expect(translate('en', `errors.${code}`), code).not.toBeNull();
    }
  });

  it('translate every message key main and shared can send', () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles('src/main'), ...sourceFiles('src/shared')]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'((?:errors|validation|sync\.errors|sync\.validation)\.[A-Za-z_]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(translate('es', key), key).not.toBeNull();
  });

  it('say a count through plural forms, picked by the count, in main as in i18next', () => {
    expect(translate('es', 'schedule.counts.booked', { count: 1 })).toBe('1 cita');
    expect(translate('es', 'schedule.counts.booked', { count: 0 })).toBe('0 citas');
    expect(translate('en', 'schedule.counts.booked', { count: 1 })).toBe('1 appointment');
    expect(translate('en', 'schedule.counts.booked', { count: 3 })).toBe('3 appointments');
    expect(translate('es', 'print.ageYears', { count: 1 })).toBe('1 año');
    expect(translate('es', 'errors.OPERATORY_HAS_APPOINTMENTS', { count: 1 })).toContain('1 cita por delante');
    // Without a count (a CLI message whose params were lost), the plural form still says something.
    expect(translate('es', 'errors.SCHEDULE_CONFLICT')).toContain('conflictos');
    for (const language of ['es', 'en'] as const) {
      const keys = keysOf(CATALOGS[language]);
      for (const key of keys.filter((k) => k.endsWith('_one'))) expect(keys, `${language}:${key}`).toContain(key.replace(/_one$/, '_other'));
    }
  });

  it('put no count before a noun outside a plural form (never "1 citas")', () => {
    // A count that is only a figure in brackets, or before an abbreviation, reads right for any number.
    const invariant = new Set(['schedule.waiting.minutes', 'scheduleLists.tomorrow.heading', 'scheduleLists.unscheduled.more']);
    for (const language of ['es', 'en'] as const) {
      for (const key of keysOf(CATALOGS[language])) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CATALOGS[language]) as string;
        if (/_(one|other|zero|two|few|many)$/.test(key) || invariant.has(key)) continue;
        expect(text, `${language}:${key}`).not.toMatch(/\{\{count\}\}/);
      }
    }
  });

  it('fill placeholders', () => {
    expect(translate('es', 'errors.FORBIDDEN', { permission: 'clinical.read' })).toContain('clinical.read');
    expect(translate('en', 'errors.nope')).toBeNull();
  });
});
