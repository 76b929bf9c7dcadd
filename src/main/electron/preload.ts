import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, type BridgeApi, type DentalBridge } from '../../shared/contract/bridge';
import type { CallName } from '../../shared/contract/index';

/*
 * Runs sandboxed: it can only require 'electron', so build/bundle-electron.ts
 * inlines everything into one CJS file. The call names are injected at bundle
 * time from the contract's CALL_NAMES, which keeps zod and every schema out of
 * this context (main validates every input anyway).
 */
declare const __DENTAL_CALL_NAMES__: readonly CallName[];

function buildApi(): BridgeApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of __DENTAL_CALL_NAMES__) {
    const channel = ipcChannel(name);
    // One fixed channel per entry: the page can never choose which channel to invoke.
    api[name] = (input: unknown) => ipcRenderer.invoke(channel, input);
  }
  return api as BridgeApi;
}

const bridge: DentalBridge = {
  api: buildApi(),
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function');
    // The IpcRendererEvent carries `sender` (ipcRenderer itself); it must not reach the page.
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('dental', bridge);
