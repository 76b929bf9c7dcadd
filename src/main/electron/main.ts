import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, dialog, safeStorage, type BrowserWindow } from 'electron';
import { createAppCore, type AppCore } from '../app-core';
import { readDisplayLocale } from '../practice/display-locale';
import { defaultDataDir } from '../cli/args';
import { createIpcBridge } from './ipc';
import { createOsKeyProtector, dataDirFromArgv, uiLanguage } from './policy';
import { hardenAllWebContents, hardenSession, registerAppScheme, serveRenderer } from './security';
import { startUpdater } from './updater';
import { createMainWindow, installMenu } from './window';

/*
 * The Electron entry stays thin: everything the app does lives in AppCore,
 * which also runs without Electron behind the browser host. This file only
 * wires the core to a hardened window, the OS keychain and the updater.
 */

const APP_ID = 'cl.consultadental.app';

// All three must happen before `ready`.
registerAppScheme();
app.enableSandbox();
const dataDir = resolve(dataDirFromArgv(process.argv) ?? defaultDataDir());
// Chromium's own locale follows the practice's (es-CL), not the OS's; a first run starts Spanish-first.
app.commandLine.appendSwitch('lang', readDisplayLocale(dataDir) ?? 'es-CL');

if (!app.requestSingleInstanceLock()) {
  // Two processes on one database would fight over the WAL and the sync cursor; the first one gets focus instead.
  app.quit();
} else {
  void run().catch((error: unknown) => fail(error));
}

async function run(): Promise<void> {
  let window: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  hardenAllWebContents();

  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  hardenSession();
  const appRoot = app.getAppPath();
  serveRenderer(join(appRoot, 'dist', 'renderer'));
  installMenu();

  mkdirSync(dataDir, { recursive: true });
  // Created after `ready`: before it, safeStorage cannot tell whether the OS keychain works.
  const core: AppCore = await createAppCore({ dataDir, osKeyProtector: createOsKeyProtector(safeStorage) });
  const bridge = createIpcBridge(core);

  let closing: Promise<void> | undefined;
  let closed = false;
  const shutdown = (): Promise<void> =>
    (closing ??= core
      .close()
      .catch((error: unknown) => console.error('[main] closing the database failed:', errorMessage(error)))
      .finally(() => {
        closed = true;
        bridge.dispose();
      }));

  // Quitting waits for the database to close, so the last commit and the WAL checkpoint are not cut short.
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void shutdown().then(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
  // `on`, not `once`: under `npm start` Ctrl+C arrives twice (terminal and parent), and a second one unhandled would kill us mid-close.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  window = createMainWindow(appRoot);
  bridge.attach(window.webContents);
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[main] renderer gone: ${details.reason} (${details.exitCode})`);
  });
  window.on('closed', () => {
    window = undefined;
  });

  startUpdater({ window: () => window, beforeInstall: shutdown });
}

function fail(error: unknown): void {
  console.error('[main] startup failed:', errorMessage(error));
  const es = app.isReady() ? uiLanguage(app.getLocale()) === 'es' : true;
  dialog.showErrorBox(
    es ? 'Consulta Dental no pudo iniciar' : 'Consulta Dental could not start',
    (es
      ? 'Ocurrió un error al iniciar. Vuelva a abrir la aplicación; si el problema continúa, contacte a soporte.\n\n'
      : 'Something went wrong while starting. Open the app again; if the problem persists, contact support.\n\n') +
      errorMessage(error),
  );
  app.exit(1);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
