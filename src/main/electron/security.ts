import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { app, protocol, session, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../shared/contract/bridge';
import { APP_SCHEME, isAppBlobUrl, isAppUrl, mimeType, resolveRendererFile, RESPONSE_HEADERS, savePathFor } from './policy';

/**
 * Must run before `ready`. `standard` gives the scheme a real origin
 * (app://renderer), so relative URLs, localStorage and the origin check in
 * the IPC handlers work; `secure` makes it a secure context like https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * Serves dist/renderer (inside the asar when packaged) on app://renderer/,
 * with the CSP on every response so no page of the app runs without it.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: RESPONSE_HEADERS });
    }
    const file = resolveRendererFile(request.url, rendererDir);
    if (!file) return new Response(null, { status: 404, headers: RESPONSE_HEADERS });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...RESPONSE_HEADERS, 'content-type': mimeType(file), 'cache-control': 'no-cache' },
      });
    } catch {
      return new Response(null, { status: 404, headers: RESPONSE_HEADERS });
    }
  });
}

/**
 * Session-wide rules: no remote content, no permissions. The updater uses
 * its own session (electron-updater's partition), so this does not stop it.
 */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] },
    (_details, callback) => callback({ cancel: true }),
  );
  ses.setSpellCheckerEnabled(false);
  // Only files the page made itself (prints, exports) are saved, to the Downloads folder; the page is told where.
  ses.on('will-download', (event, item, contents) => {
    if (!isAppBlobUrl(item.getURL())) return event.preventDefault();
    const requested = item.getFilename();
    item.setSavePath(savePathFor(app.getPath('downloads'), requested, existsSync));
    item.once('done', (_done, state) => {
      if (state === 'completed' && !contents.isDestroyed() && isAppUrl(contents.getURL())) {
        contents.send(IPC_EVENT_CHANNEL, 'file.saved', { requested, path: item.getSavePath() });
      }
    });
  });
}

/**
 * Applied to every WebContents the app ever creates, so a window opened by
 * mistake later gets the same rules.
 */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

function hardenWebContents(contents: WebContents): void {
  // Same-origin navigation (a reload of the app's own page) is harmless; anything else is an attack or a stray link.
  const guard = (event: { preventDefault(): void; url: string }) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Not even https links go to the system browser: a compromised page could
  // use them to carry patient data out in a query string.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (app.isPackaged) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}
