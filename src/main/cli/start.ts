import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppCore } from '../app-core';
import { startBrowserHost } from '../host/browser-host';
import { defaultDataDir, parseArgs, readPassphrase, stringFlag } from './args';
import { chromiumBinaries, findChromium, onPath } from './browsers';
import { runCommand } from './run-command';

/*
 * `npm start`: the Electron app when the Electron binary is installed,
 * otherwise the same core behind the browser host, shown in a Chromium
 * "app" window (no tabs or address bar) when one can be found.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
/** How long a launched browser must survive to count as opened; a missing display makes it exit at once. */
const LAUNCH_GRACE_MS = 2500;

await runCommand(async () => {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const electron = electronBinary();
  if (electron && hasDisplay()) return runElectron(electron, argv);

  console.log(
    electron
      ? 'No hay pantalla gráfica para Electron; abriendo la aplicación en el navegador…\n' +
          'No display for Electron; opening the app in the browser…'
      : 'Electron no está instalado en este equipo; abriendo la aplicación en el navegador…\n' +
          'Electron is not installed on this computer; opening the app in the browser…',
  );
  const dataDir = resolve(stringFlag(args, 'data') ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const core = await createAppCore({ dataDir, passphrase: await readPassphrase(args) });
  let host;
  try {
    host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, port: Number(stringFlag(args, 'port') ?? 0) });
  } catch (error) {
    await core.close();
    throw error;
  }

  // A profile of its own keeps the app window apart from the user's browsing; it sits beside the data, not in temp, so it survives reboots.
  const profileDir = join(dirname(dataDir), 'browser-profile');
  const { opened, browser } = await openAppWindow(host.url, profileDir);
  if (opened) {
    console.log(`Consulta Dental: ${host.origin}`);
  } else {
    console.log('No se pudo abrir un navegador. Abra esta dirección en este equipo:');
    console.log('Could not open a browser. Open this address on this computer:');
    console.log(`  ${host.url}`);
  }
  console.log('Ctrl+C cierra la aplicación. / Ctrl+C stops the app.');

  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    // A browser we started with our own profile exits when its window closes; then nothing is left to serve.
    browser?.once('exit', done);
  });
  if (browser && browser.exitCode === null) browser.kill();
  await host.close();
  await core.close();
});

/**
 * The binary `require('electron')` would return, found without requiring it:
 * that require tries to download Electron when the binary is missing.
 */
function electronBinary(): string | undefined {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(packageDir, 'dist', relative) : undefined;
  return binary && existsSync(binary) ? binary : undefined;
}

function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function runElectron(binary: string, argv: string[]): Promise<number> {
  const bundled = runNpmScript('build:electron');
  if (bundled !== 0) return bundled;
  const env = { ...process.env };
  // Electron would run as plain Node with this set; and the app asks for the passphrase in its own window.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.DENTAL_PASSPHRASE;
  const child = spawn(binary, [ROOT, ...argv], { stdio: 'inherit', env, cwd: ROOT });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

function runNpmScript(script: string): number {
  // Under `npm start`, npm_execpath is npm's own CLI; running it with this Node avoids the shell that npm.cmd needs on Windows.
  const npmCli = process.env.npm_execpath;
  const result =
    npmCli && /\.[cm]?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, 'run', '--silent', script], { stdio: 'inherit', cwd: ROOT })
      : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], {
          stdio: 'inherit',
          cwd: ROOT,
          shell: process.platform === 'win32',
        });
  return result.status ?? 1;
}

interface Launcher {
  command: string;
  args: string[];
  /** Whether the process lives as long as the window (a browser on its own profile). */
  ownsWindow: boolean;
}

/** Tries each candidate in turn; `browser` is set when the process we started owns the window, so its exit means the window closed. */
async function openAppWindow(url: string, profileDir: string): Promise<{ opened: boolean; browser?: ChildProcess }> {
  if (!hasDisplay()) return { opened: false };
  mkdirSync(profileDir, { recursive: true });
  const appArgs = [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check'];
  const candidates: Launcher[] = [
    ...chromiumCandidates().map((command) => ({ command, args: appArgs, ownsWindow: true })),
    ...systemOpeners(url),
  ];
  for (const candidate of candidates) {
    const launched = await launch(candidate);
    if (launched.kind === 'failed') continue;
    // An opener still running has done its job; it must not keep this process alive after Ctrl+C.
    if (launched.kind === 'running' && !candidate.ownsWindow) launched.child.unref();
    return { opened: true, browser: launched.kind === 'running' && candidate.ownsWindow ? launched.child : undefined };
  }
  return { opened: false };
}

/** CHROMIUM_PATH first when it names a browser, then every one installed. */
function chromiumCandidates(): string[] {
  const chosen = findChromium();
  const installed = chromiumBinaries();
  return chosen.found && !installed.includes(chosen.path) ? [chosen.path, ...installed] : installed;
}

/** The OS's own "open this URL" command: a normal browser tab, better than nothing. */
function systemOpeners(url: string): Launcher[] {
  if (process.platform === 'win32') {
    // Quoted so cmd does not split the URL at & or other metacharacters.
    return [{ command: 'cmd.exe', args: ['/d', '/s', '/c', `start "" "${url}"`], ownsWindow: false }];
  }
  if (process.platform === 'darwin') return [{ command: 'open', args: [url], ownsWindow: false }];
  const xdgOpen = onPath('xdg-open');
  return xdgOpen ? [{ command: xdgOpen, args: [url], ownsWindow: false }] : [];
}

type LaunchResult = { kind: 'failed' } | { kind: 'handed-off' } | { kind: 'running'; child: ChildProcess };

/**
 * 'running' when the process is still up after the grace period, 'handed-off'
 * when it exited cleanly at once (an opener, or a browser passing the URL to
 * an instance already running), 'failed' on a spawn error or a non-zero exit.
 */
function launch(launcher: Launcher): Promise<LaunchResult> {
  return new Promise((done) => {
    let child: ChildProcess;
    try {
      child = spawn(launcher.command, launcher.args, {
        stdio: 'ignore',
        // Its own process group, so Ctrl+C reaches only us and we close the window deliberately.
        detached: process.platform !== 'win32',
        windowsVerbatimArguments: launcher.command === 'cmd.exe',
      });
    } catch {
      return done({ kind: 'failed' });
    }
    const timer = setTimeout(() => {
      child.removeAllListeners('exit');
      done({ kind: 'running', child });
    }, LAUNCH_GRACE_MS);
    child.once('error', () => {
      clearTimeout(timer);
      done({ kind: 'failed' });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code === 0 ? { kind: 'handed-off' } : { kind: 'failed' });
    });
  });
}
