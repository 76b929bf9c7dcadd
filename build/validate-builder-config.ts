/**
 * Checks electron-builder.yml against electron-builder's own JSON schema
 * without packaging anything (packaging needs the Electron binary and a
 * network). Run: `npx tsx build/validate-builder-config.ts`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
// Internal module, but it is the exact validation electron-builder runs before a build.
const { validateConfiguration } = require('./out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
try {
  await validateConfiguration(config, { isEnabled: false, add: () => undefined });
  console.log('electron-builder.yml matches the electron-builder schema');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
