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

  it('fill placeholders', () => {
    expect(translate('es', 'errors.FORBIDDEN', { permission: 'clinical.read' })).toContain('clinical.read');
    expect(translate('en', 'errors.nope')).toBeNull();
  });
});
