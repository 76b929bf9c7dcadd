import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';

/*
 * Where a Chromium-family browser (Chromium, Chrome, Edge) lives on this
 * computer: `npm start` opens the app window in one, and the e2e tests and the
 * render benches drive one through playwright-core. One lookup for all three,
 * so a browser that `npm start` finds is one the tests find too.
 */

export interface LookupEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
}

const HERE: LookupEnvironment = { platform: process.platform, env: process.env, exists: existsSync };

/** Every installed Chromium, Chrome or Edge, best first (the system's own Chromium before the branded ones). */
export function chromiumBinaries(where: LookupEnvironment = HERE): string[] {
  const { platform, env, exists } = where;
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((root): root is string => Boolean(root));
    const relatives = [
      win32.join('Chromium', 'Application', 'chrome.exe'),
      win32.join('Google', 'Chrome', 'Application', 'chrome.exe'),
      win32.join('Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ];
    return relatives.flatMap((rel) => roots.map((root) => win32.join(root, rel))).filter(exists);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ].filter(exists);
  }
  return ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable']
    .map((name) => onPath(name, where))
    .filter((path): path is string => path !== undefined);
}

/** `name` in a folder of PATH, if any. */
export function onPath(name: string, where: LookupEnvironment = HERE): string | undefined {
  const path = where.platform === 'win32' ? win32 : posix;
  for (const dir of (where.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (where.exists(candidate)) return candidate;
  }
  return undefined;
}

export type ChromiumLookup = { found: true; path: string } | { found: false; message: string };

/**
 * The browser to drive: CHROMIUM_PATH when set (it must exist: a typo should
 * not silently fall back to another browser), else the first one installed.
 * When there is none, a one-line message says how to install one.
 */
export function findChromium(where: LookupEnvironment = HERE): ChromiumLookup {
  const chosen = where.env.CHROMIUM_PATH;
  if (chosen) {
    return where.exists(chosen)
      ? { found: true, path: chosen }
      : { found: false, message: `CHROMIUM_PATH=${chosen} does not exist; point it at a Chromium, Chrome or Edge binary, or unset it to search the usual places.` };
  }
  const [first] = chromiumBinaries(where);
  return first ? { found: true, path: first } : { found: false, message: installHint(where.platform) };
}

/** One line: how to get a Chromium-family browser on this platform, or point at one. */
export function installHint(platform: NodeJS.Platform): string {
  const install =
    platform === 'win32'
      ? 'install Google Chrome or Microsoft Edge (winget install Google.Chrome)'
      : platform === 'darwin'
        ? 'install Google Chrome or Chromium (brew install --cask chromium)'
        : 'install Chromium (sudo apt-get install chromium, or your distribution’s chromium package)';
  return `No Chromium, Chrome or Edge found: ${install}, or set CHROMIUM_PATH to its binary.`;
}
