import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// What the renderer and the shared layer may never reach: they run in a
// sandboxed page (or in both processes), so Node, Electron, the database and
// main's code are off limits. This keeps the layer boundaries mechanical.
const forbiddenInBrowserLayers = {
  paths: ['electron', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'kysely'].map(
    (name) => ({ name, message: 'src/renderer and src/shared run outside Node: talk to main through the contract.' }),
  ),
  patterns: [
    { group: ['node:*'], message: 'No Node built-ins in src/renderer or src/shared.' },
    { group: ['better-sqlite3*', 'kysely/*', 'electron/*'], message: 'The database and Electron belong to src/main.' },
    { group: ['**/main/**', '**/main'], message: 'Never import src/main from the renderer or shared code.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', '.bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', forbiddenInBrowserLayers] },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'Migrations are frozen: they import nothing from src/.' }] }],
    },
  },
);
