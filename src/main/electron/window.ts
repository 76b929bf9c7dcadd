import { join } from 'node:path';
import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { APP_ENTRY_URL, uiLanguage } from './policy';

export function createMainWindow(appRoot: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Consulta Dental',
    backgroundColor: '#ffffff',
    // Installers give the executable and .desktop file their icon; an unpackaged run on Linux has neither.
    ...(process.platform === 'linux' && !app.isPackaged ? { icon: join(appRoot, 'build', 'icon.png') } : {}),
    webPreferences: {
      preload: join(appRoot, 'dist-electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/**
 * A menu only for what the keyboard needs (clipboard on macOS, zoom for
 * readability at the chair) plus DevTools in development. The app's own
 * commands live in its command palette.
 */
export function installMenu(): void {
  const es = uiLanguage(app.getLocale()) === 'es';
  const l = (spanish: string, english: string) => (es ? spanish : english);
  const template: MenuItemConstructorOptions[] = [];
  if (process.platform === 'darwin') {
    template.push({
      label: app.name,
      submenu: [
        { role: 'about', label: l('Acerca de Consulta Dental', 'About Consulta Dental') },
        { type: 'separator' },
        { role: 'hide', label: l('Ocultar', 'Hide') },
        { role: 'hideOthers', label: l('Ocultar otros', 'Hide Others') },
        { role: 'unhide', label: l('Mostrar todo', 'Show All') },
        { type: 'separator' },
        { role: 'quit', label: l('Salir', 'Quit') },
      ],
    });
  }
  template.push(
    {
      label: l('Edición', 'Edit'),
      submenu: [
        { role: 'undo', label: l('Deshacer', 'Undo') },
        { role: 'redo', label: l('Rehacer', 'Redo') },
        { type: 'separator' },
        { role: 'cut', label: l('Cortar', 'Cut') },
        { role: 'copy', label: l('Copiar', 'Copy') },
        { role: 'paste', label: l('Pegar', 'Paste') },
        { role: 'selectAll', label: l('Seleccionar todo', 'Select All') },
      ],
    },
    {
      label: l('Ver', 'View'),
      submenu: [
        { role: 'resetZoom', label: l('Tamaño real', 'Actual Size') },
        { role: 'zoomIn', label: l('Acercar', 'Zoom In') },
        { role: 'zoomOut', label: l('Alejar', 'Zoom Out') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: l('Pantalla completa', 'Full Screen') },
        ...(app.isPackaged
          ? []
          : ([
              { type: 'separator' },
              { role: 'reload' },
              { role: 'toggleDevTools' },
            ] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      label: l('Ventana', 'Window'),
      submenu: [
        { role: 'minimize', label: l('Minimizar', 'Minimize') },
        { role: 'close', label: l('Cerrar', 'Close') },
      ],
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
