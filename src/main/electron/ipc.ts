import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { AppCore } from '../app-core';
import { CALL_NAMES, type CallResult } from '../../shared/contract/index';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/contract/bridge';
import { isAppUrl, isTrustedSender } from './policy';

const FORBIDDEN: CallResult<never> = { ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN' } };

/**
 * Bridges the contract to IPC. Each window is one connection to the core
 * (its session lives in main, keyed by webContents id), and only windows
 * registered through `attach` may call.
 */
export function createIpcBridge(core: AppCore) {
  const trusted = new Set<number>();

  function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame;
    return isTrustedSender({
      webContentsId: event.sender.id,
      trustedWebContentsIds: trusted,
      frameUrl: frame?.url,
      frameOrigin: frame?.origin,
      isMainFrame: frame != null && frame.parent === null,
    });
  }

  for (const name of CALL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!senderIsTrusted(event)) {
        // The URL is the app's own or an attacker's; either way it holds no patient data.
        console.warn(`[ipc] rejected ${name} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return FORBIDDEN;
      }
      return core.dispatch(name, input, String(event.sender.id));
    });
  }

  return {
    attach(contents: WebContents): void {
      // Read once: a destroyed WebContents throws on every property access.
      const id = contents.id;
      const connectionId = String(id);
      trusted.add(id);
      const unsubscribe = core.onEvent(connectionId, (name, payload) => {
        // A page that somehow left the app's origin gets nothing.
        if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
        contents.send(IPC_EVENT_CHANNEL, name, payload);
      });
      contents.once('destroyed', () => {
        trusted.delete(id);
        unsubscribe();
        core.disconnect(connectionId);
      });
    },
    dispose(): void {
      for (const name of CALL_NAMES) ipcMain.removeHandler(ipcChannel(name));
      trusted.clear();
    },
  };
}
