import type { CallName, CallOutput } from './index';
import type { CallResult } from './errors';

/**
 * What the Electron preload exposes as `window.dental`: one function per
 * contract entry (no generic invoke) and a subscription to main's events.
 * Results are values, never thrown errors, so they survive structured clone.
 */
export type BridgeApi = { [N in CallName]: (input: unknown) => Promise<CallResult<CallOutput<N>>> };

export interface DentalBridge {
  api: BridgeApi;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

/** IPC channel of a contract entry. */
export const ipcChannel = (name: CallName): string => `call:${name}`;
export const IPC_EVENT_CHANNEL = 'contract-event';

/** HTTP paths of the browser host, which serves the same contract. */
export const HTTP = {
  callPath: (name: CallName): string => `/api/call/${name}`,
  eventsPath: '/api/events',
  tokenHeader: 'x-launch-token',
} as const;
