import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { autoUpdater } from 'electron-updater';
import { uiLanguage } from './policy';

/*
 * Updates come only through electron-updater: it fetches latest*.yml from the
 * publish URL baked into app-update.yml at build time, checks the download's
 * sha512, and on Windows and macOS verifies the installer's code signature
 * before installing. Nothing is downloaded or installed without the user's
 * yes, because a restart in the middle of an appointment loses work.
 */

const STRINGS = {
  es: {
    availableTitle: 'Actualización disponible',
    available: (v: string) => `Hay una nueva versión (${v}) de Consulta Dental.`,
    availableDetail: 'La descarga se hace en segundo plano; podrá seguir trabajando.',
    download: 'Descargar',
    later: 'Más tarde',
    readyTitle: 'Actualización lista',
    ready: (v: string) => `La versión ${v} está descargada.`,
    readyDetail: 'Para instalarla, la aplicación se cerrará y volverá a abrirse. Los datos ya guardados no se pierden.',
    restartNow: 'Reiniciar ahora',
    onQuit: 'Al cerrar la aplicación',
  },
  en: {
    availableTitle: 'Update available',
    available: (v: string) => `A new version (${v}) of Consulta Dental is available.`,
    availableDetail: 'It downloads in the background; you can keep working.',
    download: 'Download',
    later: 'Later',
    readyTitle: 'Update ready',
    ready: (v: string) => `Version ${v} has been downloaded.`,
    readyDetail: 'To install it the app will close and reopen. Data already saved is kept.',
    restartNow: 'Restart now',
    onQuit: 'When I close the app',
  },
} as const;

/** Only versions and error messages are logged: update traffic carries no patient data, and keeping it that way is easy. */
const logger = {
  info: (message?: unknown) => console.info('[updater]', String(message ?? '')),
  warn: (message?: unknown) => console.warn('[updater]', String(message ?? '')),
  error: (message?: unknown) => console.error('[updater]', message instanceof Error ? message.message : String(message ?? '')),
  debug: () => undefined,
};

export interface UpdaterOptions {
  /** The window dialogs attach to, when one is open. */
  window: () => BrowserWindow | undefined;
  /** Closes the database cleanly before the installer replaces the app. */
  beforeInstall: () => Promise<void>;
}

export function startUpdater(options: UpdaterOptions): void {
  // Development runs have no app-update.yml and no signature to check.
  if (!app.isPackaged) return;

  const t = STRINGS[uiLanguage(app.getLocale())];
  autoUpdater.logger = logger;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;

  let prompting = false;
  let downloading = false;

  const ask = async (box: MessageBoxOptions): Promise<number> => {
    const parent = options.window();
    const result = parent && !parent.isDestroyed() ? await dialog.showMessageBox(parent, box) : await dialog.showMessageBox(box);
    return result.response;
  };

  autoUpdater.on('update-available', (info) => {
    if (prompting || downloading) return;
    prompting = true;
    void ask({
      type: 'info',
      title: t.availableTitle,
      message: t.available(info.version),
      detail: t.availableDetail,
      buttons: [t.download, t.later],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    })
      .then((response) => {
        if (response !== 0) return;
        downloading = true;
        return autoUpdater.downloadUpdate().then(() => undefined);
      })
      .catch((error: unknown) => logger.error(error))
      .finally(() => {
        prompting = false;
        downloading = false;
      });
  });

  autoUpdater.on('update-downloaded', (info) => {
    void ask({
      type: 'question',
      title: t.readyTitle,
      message: t.ready(info.version),
      detail: t.readyDetail,
      buttons: [t.restartNow, t.onQuit],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    })
      .then(async (response) => {
        if (response === 0) {
          await options.beforeInstall();
          autoUpdater.quitAndInstall(false, true);
        } else {
          // The user agreed to the update, just not now: install on the next normal quit.
          autoUpdater.autoInstallOnAppQuit = true;
        }
      })
      .catch((error: unknown) => logger.error(error));
  });

  autoUpdater.on('error', (error) => logger.error(error));

  // Offline is the normal state for many practices; a failed check is not worth a dialog.
  autoUpdater.checkForUpdates().catch((error: unknown) => logger.warn(error instanceof Error ? error.message : error));
}
