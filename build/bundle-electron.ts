/**
 * Bundles the Electron main process and the preload into dist-electron/.
 *
 * - main.cjs: CommonJS because Electron loads `main` from the asar, and one
 *   file starts faster than hundreds of ESM modules. Only 'electron' (provided
 *   by the runtime) and better-sqlite3-multiple-ciphers (a native addon that
 *   electron-builder rebuilds for Electron's ABI and unpacks from the asar)
 *   stay outside.
 * - preload.cjs: sandboxed preloads may only require 'electron', so the
 *   bundle is checked to import nothing else.
 *
 * Run with `npm run build:electron`; `--sourcemap` adds linked source maps
 * for debugging (they are not shipped by default because they embed source).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { CALL_NAMES } from '../src/shared/contract/index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist-electron');

// pdfkit reads its standard fonts from its own package folder at run time, so it cannot be bundled.
const MAIN_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'pdfkit'];
const PRELOAD_EXTERNALS = ['electron'];

// Electron 45 runs Node 22 in main; the sandboxed preload runs in its Chromium.
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'inline',
  sourcemap: process.argv.includes('--sourcemap') ? 'linked' : false,
  absWorkingDir: root,
};

export async function bundleElectron(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const [main, preload] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'src/main/electron/main.ts')],
      outfile: join(outDir, 'main.cjs'),
      external: MAIN_EXTERNALS,
      // ESM sources may use import.meta.url; in a CJS bundle it would be undefined.
      banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__import_meta_url' },
    }),
    build({
      ...common,
      entryPoints: [join(root, 'src/main/electron/preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      external: PRELOAD_EXTERNALS,
      define: { __DENTAL_CALL_NAMES__: JSON.stringify(CALL_NAMES) },
    }),
  ]);

  assertExternals('main.cjs', main.metafile, [...MAIN_EXTERNALS, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  assertExternals('preload.cjs', preload.metafile, PRELOAD_EXTERNALS);

  for (const [file, output] of Object.entries({ ...main.metafile?.outputs, ...preload.metafile?.outputs })) {
    if (file.endsWith('.cjs')) console.log(`${relative(root, join(root, file))}  ${(output.bytes / 1024).toFixed(0)} KiB`);
  }
}

/** Fails the build when a bundle would require something the packaged app (or the preload sandbox) cannot provide. */
function assertExternals(name: string, metafile: Metafile | undefined, allowed: readonly string[]): void {
  const allow = new Set(allowed);
  const bad = new Set<string>();
  for (const output of Object.values(metafile?.outputs ?? {})) {
    for (const imported of output.imports) {
      if (imported.external && !allow.has(imported.path)) bad.add(imported.path);
    }
  }
  if (bad.size > 0) throw new Error(`${name} requires modules it cannot load at runtime: ${[...bad].join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  bundleElectron().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
